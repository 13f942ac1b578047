using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using System.Security.Cryptography;
using VaultTools.Errors;

namespace VaultTools.Rotation
{
    /// <summary>Character classes a generated secret draws from.</summary>
    [Flags]
    public enum SecretCharacters
    {
        None = 0,
        Upper = 1,
        Lower = 2,
        Digit = 4,
        Symbol = 8,
        /// <summary>The default: letters and digits, safe in connection strings, URLs and shells.</summary>
        Alphanumeric = Upper | Lower | Digit,
        All = Upper | Lower | Digit | Symbol,
    }

    /// <summary>
    /// New secret values from the OS's cryptographic random generator: every chosen class appears at least
    /// once, characters are drawn without modulo bias, and the value is built straight into a SecureString.
    /// </summary>
    public static class SecretGenerator
    {
        public const int DefaultLength = 32;
        public const int MinLength = 16;
        public const int MaxLength = 1024;

        private const string UpperChars = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        private const string LowerChars = "abcdefghijkmnopqrstuvwxyz";
        private const string DigitChars = "23456789";
        // No quotes, backslash, semicolon or spaces: the value survives connection strings and shells.
        private const string SymbolChars = "!#$%&()*+,-./:<=>?@[]^_{|}~";

        // The OS generator; its instances are safe to share between threads.
        private static readonly RandomNumberGenerator Random = RandomNumberGenerator.Create();

        public static void Check(int length, SecretCharacters characters)
        {
            if (length < MinLength || length > MaxLength)
            {
                throw VaultException.InvalidArgument("InvalidSecretLength", "Length",
                    $"-Length {length} is out of range: a generated secret has {MinLength} to {MaxLength} characters.", length);
            }

            if ((characters & SecretCharacters.All) == SecretCharacters.None)
            {
                throw VaultException.InvalidArgument("InvalidSecretCharacters", "CharacterSet",
                    "-CharacterSet must include at least one of Upper, Lower, Digit, Symbol.", characters);
            }
        }

        public static SecureString Generate(int length = DefaultLength, SecretCharacters characters = SecretCharacters.Alphanumeric)
        {
            Check(length, characters);
            var classes = new List<string>();
            if (characters.HasFlag(SecretCharacters.Upper)) classes.Add(UpperChars);
            if (characters.HasFlag(SecretCharacters.Lower)) classes.Add(LowerChars);
            if (characters.HasFlag(SecretCharacters.Digit)) classes.Add(DigitChars);
            if (characters.HasFlag(SecretCharacters.Symbol)) classes.Add(SymbolChars);
            string alphabet = string.Concat(classes);

            var chars = new char[length];
            try
            {
                for (int i = 0; i < length; i++)
                {
                    // The first characters guarantee one of each class; a shuffle then moves them anywhere.
                    string source = i < classes.Count ? classes[i] : alphabet;
                    chars[i] = source[Next(source.Length)];
                }

                for (int i = length - 1; i > 0; i--)
                {
                    int j = Next(i + 1);
                    (chars[i], chars[j]) = (chars[j], chars[i]);
                }

                var result = new SecureString();
                foreach (char c in chars)
                {
                    result.AppendChar(c);
                }

                result.MakeReadOnly();
                return result;
            }
            finally
            {
                Array.Clear(chars, 0, chars.Length);
            }
        }

        /// <summary>A uniform integer in [0, max) by rejection sampling over 32-bit random numbers.</summary>
        private static int Next(int max)
        {
            uint limit = uint.MaxValue - (uint.MaxValue % (uint)max);
            var buffer = new byte[4];
            while (true)
            {
                Random.GetBytes(buffer);

                uint value = BitConverter.ToUInt32(buffer, 0);
                if (value < limit)
                {
                    return (int)(value % (uint)max);
                }
            }
        }
    }
}
