using System;
using System.Linq;

namespace VaultTools.Connection
{
    /// <summary>The endpoints of one Azure cloud (or of the emulator).</summary>
    public sealed class CloudEnvironment
    {
        public CloudEnvironment(string name, string vaultDnsSuffix, Uri authorityHost, Uri resourceManager, string vaultResource, string managementResource)
        {
            Name = name;
            VaultDnsSuffix = vaultDnsSuffix;
            AuthorityHost = authorityHost;
            ResourceManager = resourceManager;
            VaultResource = vaultResource;
            ManagementResource = managementResource;
        }

        public string Name { get; }

        /// <summary>e.g. vault.azure.net: a vault named v lives at https://v.vault.azure.net/.</summary>
        public string VaultDnsSuffix { get; }

        public Uri AuthorityHost { get; }

        public Uri ResourceManager { get; }

        /// <summary>The token audience of the data plane, e.g. https://vault.azure.net.</summary>
        public string VaultResource { get; }

        /// <summary>The token audience of ARM, e.g. https://management.azure.com/.</summary>
        public string ManagementResource { get; }

        public string VaultScope => VaultResource.TrimEnd('/') + "/.default";

        public string ManagementScope => ManagementResource.TrimEnd('/') + "/.default";

        public static readonly CloudEnvironment AzureCloud = new CloudEnvironment(
            "AzureCloud", "vault.azure.net", new Uri("https://login.microsoftonline.com/"), new Uri("https://management.azure.com/"),
            "https://vault.azure.net", "https://management.azure.com/");

        public static readonly CloudEnvironment AzureChinaCloud = new CloudEnvironment(
            "AzureChinaCloud", "vault.azure.cn", new Uri("https://login.chinacloudapi.cn/"), new Uri("https://management.chinacloudapi.cn/"),
            "https://vault.azure.cn", "https://management.chinacloudapi.cn/");

        public static readonly CloudEnvironment AzureUSGovernment = new CloudEnvironment(
            "AzureUSGovernment", "vault.usgovcloudapi.net", new Uri("https://login.microsoftonline.us/"), new Uri("https://management.usgovcloudapi.net/"),
            "https://vault.usgovcloudapi.net", "https://management.usgovcloudapi.net/");

        public static readonly CloudEnvironment[] Known = { AzureCloud, AzureChinaCloud, AzureUSGovernment };

        public static CloudEnvironment FromName(string name)
            => Known.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase))
               ?? throw Errors.VaultException.InvalidArgument("InvalidEnvironment", "Environment",
                   $"Unknown -Environment '{name}': use one of {string.Join(", ", Known.Select(k => k.Name))}.", name);

        /// <summary>The emulator is its own "cloud": authority, ARM and vaults all on https://localhost:{port}/.</summary>
        public static CloudEnvironment ForEmulator(VaultEmulator emulator)
            => new CloudEnvironment("Emulator", "localhost", emulator.AuthorityHost, emulator.ManagementEndpoint,
                "https://vault.azure.net", "https://management.azure.com/");

        public override string ToString() => Name;
    }
}
