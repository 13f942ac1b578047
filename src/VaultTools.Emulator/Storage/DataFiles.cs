namespace VaultTools.Emulator.Storage;

/// <summary>Small helpers for the files in the data folder: atomic writes, private permissions.</summary>
public static class DataFiles
{
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
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
            using var writer = new StreamWriter(stream);
            writer.Write(contents);
        }
        File.Move(temp, path, overwrite: true);
    }
}
