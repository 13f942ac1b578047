using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using VaultTools.Errors;
using VaultTools.Internal;

namespace VaultTools.Emulator
{
    /// <summary>Reads emulator.json, the file a running emulator writes into its data folder.</summary>
    public static class EmulatorFile
    {
        public const string FileName = "emulator.json";

        /// <summary>Environment variable naming an emulator.json (or its folder) for Connect-Vault -Emulator.</summary>
        public const string EnvironmentVariable = "VAULTTOOLS_EMULATOR";

        /// <summary>Accepts the path of emulator.json or of the folder that holds it.</summary>
        public static VaultEmulator Read(string path)
        {
            string file = Directory.Exists(path) ? Path.Combine(path, FileName) : path;
            if (!File.Exists(file))
            {
                throw new VaultException(VaultErrorKind.InvalidArgument, "EmulatorNotFound",
                    $"No emulator.json at '{file}'. Start the emulator with Start-VaultEmulator (or pass the emulator's data folder).", null, file)
                {
                    ParameterName = "Emulator",
                };
            }

            try
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var doc = JsonDocument.Parse(stream);
                var emulator = Parse(doc.RootElement);
                emulator.ConfigurationFile = Path.GetFullPath(file);
                return emulator;
            }
            catch (Exception ex) when (ex is JsonException || ex is KeyNotFoundException || ex is FormatException || ex is InvalidOperationException)
            {
                throw new VaultException(VaultErrorKind.InvalidArgument, "EmulatorFileInvalid",
                    $"'{file}' is not a valid emulator.json: {ex.Message}", ex, file);
            }
        }

        /// <summary>Reads the file only if it exists and was written by the given process; null otherwise.</summary>
        public static VaultEmulator? TryReadFrom(string dataPath, int processId)
        {
            string file = Path.Combine(dataPath, FileName);
            if (!File.Exists(file))
            {
                return null;
            }

            try
            {
                var emulator = Read(file);
                return emulator.ProcessId == processId ? emulator : null;
            }
            catch (VaultException)
            {
                return null; // being written: the emulator renames it into place, but be tolerant
            }
            catch (IOException)
            {
                return null;
            }
        }

        internal static VaultEmulator Parse(JsonElement root)
        {
            var identities = new List<EmulatorIdentity>();
            if (root.TryGetProperty("identities", out var ids) && ids.ValueKind == JsonValueKind.Array)
            {
                foreach (var id in ids.EnumerateArray())
                {
                    string? secret = Str(id, "clientSecret");
                    identities.Add(new EmulatorIdentity
                    {
                        Name = Str(id, "name") ?? "",
                        Type = Str(id, "type") ?? "",
                        ObjectId = Str(id, "objectId"),
                        ClientId = Str(id, "clientId"),
                        ClientSecret = secret is null ? null : SecureStrings.FromPlainText(secret),
                        ApplicationObjectId = Str(id, "applicationObjectId"),
                    });
                }
            }

            return new VaultEmulator
            {
                ProcessId = root.GetProperty("processId").GetInt32(),
                DataPath = Str(root, "dataPath") ?? "",
                VaultUri = new Uri(Required(root, "vaultUri")),
                VaultUriTemplate = Required(root, "vaultUriTemplate"),
                DefaultVaultName = Str(root, "defaultVaultName") ?? "local",
                TenantId = Required(root, "tenantId"),
                AuthorityHost = new Uri(Required(root, "authorityHost")),
                ManagementEndpoint = new Uri(Required(root, "managementEndpoint")),
                SubscriptionId = Str(root, "subscriptionId") ?? "",
                ResourceGroupName = Str(root, "resourceGroupName") ?? "",
                ImdsEndpoint = Uri(root, "imdsEndpoint"),
                IdentityEndpoint = Uri(root, "identityEndpoint"),
                IdentityHeader = Str(root, "identityHeader"),
                CaCertificatePath = Required(root, "caCertificatePath"),
                Persistent = root.TryGetProperty("persistent", out var p) && p.ValueKind == JsonValueKind.True,
                Identities = identities.ToArray(),
                GraphEndpoint = Uri(root, "graphEndpoint"),
            };
        }

        private static string? Str(JsonElement e, string name)
            => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        private static string Required(JsonElement e, string name)
            => Str(e, name) ?? throw new KeyNotFoundException($"property '{name}' is missing");

        private static Uri? Uri(JsonElement e, string name)
        {
            string? s = Str(e, name);
            return s is null ? null : new Uri(s);
        }
    }
}
