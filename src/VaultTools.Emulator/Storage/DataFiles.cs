namespace VaultTools.Emulator.Storage;

/// <summary>Small helpers for the files in the data folder: atomic writes, private permissions.</summary>
public static class DataFiles
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// Creates the data folder readable by its owner only (on Unix): it holds vault.db, whose secret values
    /// are stored as given, and the emulator's keys. A folder that already exists is left as it is (the
    /// user chose it); the files in it are made owner-only one by one.
    /// </summary>
    public static void CreatePrivateDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, OwnerOnlyFolder);
        }
    }

    /// <summary>
    /// Makes a file readable by its owner only (on Unix), creating it empty when it does not exist: for
    /// vault.db before SQLite opens it (SQLite gives its -wal and -shm files the database file's mode).
    /// </summary>
    public static void EnsurePrivateFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (!File.Exists(path))
        {
            using var created = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnlyFile });
            return;
        }

        if ((File.GetUnixFileMode(path) & ~OwnerOnlyFile) != 0)
        {
            File.SetUnixFileMode(path, OwnerOnlyFile);
        }
    }

    /// <summary>Writes via a temporary file and a rename, so readers never see half a file.</summary>
    public static void WriteAtomically(string path, string contents)
    {
        var temp = path + "." + Environment.ProcessId + ".tmp";
        File.WriteAllText(temp, contents);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Like <see cref="WriteAtomically"/>, readable by the owner only (on Unix).</summary>
    public static void WriteSecretFileAtomically(string path, string contents)
    {
        var temp = path + "." + Environment.ProcessId + ".tmp";
        if (OperatingSystem.IsWindows())
        {
            File.WriteAllText(temp, contents);
        }
        else
        {
            using var stream = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.Create,
                Access = FileAccess.Write,
                UnixCreateMode = OwnerOnlyFile,
            });
            using var writer = new StreamWriter(stream);
            writer.Write(contents);
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Removes a folder of this run (the temporary data folder of an in-memory emulator); a failure is left to the OS's temp cleanup.</summary>
    public static void TryDeleteFolder(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // in use or already gone
        }
    }
}
