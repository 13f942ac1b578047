using System;
using System.IO;
using VaultTools.Errors;

namespace VaultTools.Internal
{
    /// <summary>
    /// Writes files that must never be left half-written or silently replaced: backups and exported
    /// certificates. The content goes to a temporary file in the same folder, which is then moved into
    /// place, so a reader sees the old file or the whole new one, never a torn one. An existing file is
    /// replaced only when the caller says so (-Force).
    /// </summary>
    internal static class AtomicFile
    {
        /// <summary>
        /// Checks, before any request is sent, that <paramref name="path"/> can be written: its folder
        /// exists, it is not a folder, and it does not exist unless <paramref name="overwrite"/>.
        /// </summary>
        public static void CheckTarget(string path, bool overwrite, string parameterName)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw VaultException.InvalidArgument("MissingOutputPath", parameterName, $"-{parameterName} is empty.");
            }

            if (Directory.Exists(path))
            {
                throw VaultException.InvalidArgument("OutputPathIsFolder", parameterName,
                    $"-{parameterName} '{path}' is a folder; give the path of a file.", path);
            }

            string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder != null && !Directory.Exists(folder))
            {
                throw VaultException.InvalidArgument("OutputFolderNotFound", parameterName,
                    $"The folder of -{parameterName} '{path}' does not exist.", path);
            }

            if (!overwrite && File.Exists(path))
            {
                throw Exists(path, parameterName);
            }
        }

        /// <summary>
        /// Writes <paramref name="content"/> to <paramref name="path"/> atomically. With
        /// <paramref name="privateFile"/> the file is readable by its owner only (on Unix), because it
        /// holds a private key or a backup.
        /// </summary>
        public static FileInfo Write(string path, byte[] content, bool overwrite, bool privateFile, string parameterName)
        {
            CheckTarget(path, overwrite, parameterName);
            string full = Path.GetFullPath(path);
            string folder = Path.GetDirectoryName(full) ?? ".";
            string temp = Path.Combine(folder, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    RestrictToOwner(temp, privateFile);
                    stream.Write(content, 0, content.Length);
                    stream.Flush(true);
                }

                if (overwrite && File.Exists(full))
                {
                    File.Replace(temp, full, null);
                }
                else
                {
                    // File.Move never overwrites: a file created meanwhile by someone else is not lost.
                    File.Move(temp, full);
                }
            }
            catch (IOException) when (!overwrite && File.Exists(full))
            {
                throw Exists(path, parameterName);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new VaultException(VaultErrorKind.InvalidArgument, "OutputFileNotWritten",
                    $"Could not write '{path}': {ex.Message}", ex, path)
                {
                    ParameterName = parameterName,
                };
            }
            finally
            {
                if (File.Exists(temp))
                {
                    File.Delete(temp);
                }
            }

            return new FileInfo(full);
        }

        /// <summary>Reads a file given to a cmdlet, or fails naming the parameter.</summary>
        public static byte[] Read(string path, string parameterName, long maxBytes)
        {
            if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
            {
                throw VaultException.InvalidArgument("InputFileNotFound", parameterName, $"The file given to -{parameterName} '{path}' does not exist.", path);
            }

            var info = new FileInfo(path);
            if (info.Length == 0 || info.Length > maxBytes)
            {
                throw VaultException.InvalidArgument("InputFileSize", parameterName,
                    $"The file given to -{parameterName} '{path}' is {info.Length} bytes; expected 1 to {maxBytes} bytes.", path);
            }

            return File.ReadAllBytes(path);
        }

        private static VaultException Exists(string path, string parameterName)
            => new VaultException(VaultErrorKind.Conflict, "OutputFileExists",
                $"The file '{path}' given to -{parameterName} already exists; nothing was written. Use -Force to replace it.", null, path)
            {
                ParameterName = parameterName,
                RecommendedAction = "Choose another file, or add -Force to replace it.",
            };

        private static void RestrictToOwner(string path, bool privateFile)
        {
#if NET8_0_OR_GREATER
            if (privateFile && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
#endif
        }
    }
}
