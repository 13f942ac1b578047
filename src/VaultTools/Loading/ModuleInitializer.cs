using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace VaultTools.Loading
{
    /// <summary>
    /// Runs when PowerShell imports the module. VaultTools.Core and its dependencies (Azure.Core,
    /// Azure.Identity, MSAL...) live in dependencies/, not beside this assembly, because Az.Accounts
    /// and Microsoft.Graph load other versions of the same assemblies. On PowerShell 7 they load into
    /// the module's own AssemblyLoadContext (see DependencyLoadContext); on Windows PowerShell 5.1,
    /// which has no load contexts, they are resolved from dependencies/desktop on demand.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        internal const string CoreAssemblyName = "VaultTools.Core";

        /// <summary>The output types, shared by the cmdlets, Core and scripts: always loaded from beside VaultTools.dll.</summary>
        internal const string ModelsAssemblyName = "VaultTools.Models";

        private static readonly string ModuleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".";

        internal static bool IsNetCore => !RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        public void OnImport()
        {
            // Load the output types first, in PowerShell's own context, so that [VaultTools.VaultSecret]
            // resolves in scripts and Core (in its isolated context) sees the very same types.
            Assembly.LoadFrom(Path.Combine(ModuleDirectory, ModelsAssemblyName + ".dll"));
            if (IsNetCore)
            {
                CoreClrLoader.Register(Path.Combine(ModuleDirectory, "dependencies"));
            }
            else
            {
                DesktopLoader.Register(Path.Combine(ModuleDirectory, "dependencies", "desktop"));
            }
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            if (IsNetCore)
            {
                CoreClrLoader.Unregister();
            }
            else
            {
                DesktopLoader.Unregister();
            }
        }
    }

    /// <summary>Windows PowerShell 5.1: resolve our dependencies from a private folder (no isolation is possible there).</summary>
    internal static class DesktopLoader
    {
        private static string? _directory;

        public static void Register(string directory)
        {
            _directory = directory;
            AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        }

        public static void Unregister() => AppDomain.CurrentDomain.AssemblyResolve -= Resolve;

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            if (_directory is null)
            {
                return null;
            }

            string path = Path.Combine(_directory, new AssemblyName(args.Name).Name + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }
    }
}
