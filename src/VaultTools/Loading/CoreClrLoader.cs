using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace VaultTools.Loading
{
    /// <summary>
    /// PowerShell 7: when the default load context cannot find VaultTools.Core (it is not beside
    /// VaultTools.dll on purpose), load it into <see cref="DependencyLoadContext"/>. Everything Core
    /// references then resolves inside that context, isolated from other modules' Azure.Core. This is
    /// the pattern of PowerShell's "Resolving PowerShell module assembly dependency conflicts".
    /// Only this class touches AssemblyLoadContext, so Windows PowerShell never JIT-compiles it.
    /// </summary>
    internal static class CoreClrLoader
    {
        private static DependencyLoadContext? _context;

        public static void Register(string directory)
        {
            _context ??= new DependencyLoadContext(directory);
            AssemblyLoadContext.Default.Resolving += ResolveCore;
        }

        public static void Unregister() => AssemblyLoadContext.Default.Resolving -= ResolveCore;

        private static Assembly? ResolveCore(AssemblyLoadContext context, AssemblyName name)
            => name.Name == ModuleInitializer.CoreAssemblyName && _context != null
                ? _context.LoadFromAssemblyName(name)
                : null;
    }

    /// <summary>
    /// The module's private load context: assemblies found in dependencies/ load here, unless the
    /// runtime already has the same or a newer version (framework assemblies such as System.Text.Json
    /// are then shared with the default context).
    /// </summary>
    internal sealed class DependencyLoadContext : AssemblyLoadContext
    {
        private readonly string _directory;

        // Name -> path of the runtime's own assemblies; versions are read only for names we are asked
        // about, so importing the module does not open every framework file.
        private readonly Dictionary<string, string> _platformAssemblies;

        public DependencyLoadContext(string directory)
        {
            _directory = directory;
            _platformAssemblies = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string tpa)
            {
                foreach (string file in tpa.Split(Path.PathSeparator))
                {
                    _platformAssemblies[Path.GetFileNameWithoutExtension(file)] = file;
                }
            }
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (assemblyName.Name == ModuleInitializer.ModelsAssemblyName)
            {
                return null; // shared with PowerShell: the copy in the default context (see ModuleInitializer)
            }

            string path = Path.Combine(_directory, assemblyName.Name + ".dll");
            if (!File.Exists(path))
            {
                return null;
            }

            if (assemblyName.Name != null && _platformAssemblies.TryGetValue(assemblyName.Name, out var platformFile)
                && PlatformVersion(platformFile) is Version platformVersion
                && platformVersion >= (assemblyName.Version ?? new Version(0, 0)))
            {
                return null; // the runtime's own copy is at least as new: share it
            }

            return LoadFromAssemblyPath(path);
        }

        private static Version? PlatformVersion(string file)
        {
            try
            {
                return AssemblyName.GetAssemblyName(file).Version;
            }
            catch (Exception ex) when (ex is BadImageFormatException || ex is IOException)
            {
                return null;
            }
        }
    }
}
