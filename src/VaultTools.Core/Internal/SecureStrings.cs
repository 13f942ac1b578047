using System;
using System.Runtime.InteropServices;
using System.Security;

namespace VaultTools.Internal
{
    /// <summary>
    /// SecureString in and out. The Azure SDK needs plain strings on the wire, so a value is unwrapped
    /// only at the moment of the call and never stored or logged.
    /// </summary>
    public static class SecureStrings
    {
        public static string ToPlainText(SecureString secure)
        {
            if (secure is null)
            {
                throw new ArgumentNullException(nameof(secure));
            }

            IntPtr ptr = IntPtr.Zero;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(secure);
                return Marshal.PtrToStringUni(ptr) ?? string.Empty;
            }
            finally
            {
                if (ptr != IntPtr.Zero)
                {
                    Marshal.ZeroFreeGlobalAllocUnicode(ptr);
                }
            }
        }

        public static SecureString FromPlainText(string? plain)
        {
            var secure = new SecureString();
            if (plain != null)
            {
                foreach (char c in plain)
                {
                    secure.AppendChar(c);
                }
            }

            secure.MakeReadOnly();
            return secure;
        }
    }
}
