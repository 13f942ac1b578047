using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using VaultTools.BitLocker;

namespace VaultTools.Commands.BitLocker
{
    /// <summary>
    /// Finds escrowed BitLocker recovery passwords by the key ID on the recovery screen or by computer (and volume),
    /// and Azure Disk Encryption BEK secrets by computer; writes an ADE key as its .BEK file with -BekFilePath.
    /// Lists metadata, filters on tags here, and reads only the matches.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "BitLockerKey", DefaultParameterSetName = ByComputer, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(BitLockerRecoveryKey))]
    public sealed class GetBitLockerKeyCommand : VaultCmdlet
    {
        private const string ByKeyId = "ByKeyId";
        private const string ByComputer = "ByComputer";
        private const string ToBekFile = "ToBekFile";

        /// <summary>The 8-character key ID shown on the BitLocker recovery screen, or the full key protector GUID.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByKeyId, ValueFromPipelineByPropertyName = true)]
        [Alias("KeyId")]
        public string RecoveryKeyId { get; set; } = "";

        /// <summary>The computer (VM) name; the local computer when only -MountPoint is given.</summary>
        [Parameter(ParameterSetName = ByComputer, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, ParameterSetName = ToBekFile, ValueFromPipelineByPropertyName = true)]
        [Alias("MachineName")]
        [ArgumentCompleter(typeof(Completers.BitLockerComputerNameCompleter))]
        public string? ComputerName { get; set; }

        /// <summary>Only this volume (C:, or a volume path).</summary>
        [Parameter(ParameterSetName = ByComputer, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = ToBekFile, ValueFromPipelineByPropertyName = true)]
        [Alias("VolumeLetter")]
        public string? MountPoint { get; set; }

        /// <summary>Write the ADE key as a .BEK file: a file path (one key must match) or an existing folder (one file per key, named as ADE names it).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ToBekFile)]
        public string BekFilePath { get; set; } = "";

        /// <summary>Replace an existing .BEK file.</summary>
        [Parameter(ParameterSetName = ToBekFile)]
        public SwitchParameter Force { get; set; }

        /// <summary>Also return the password as plain text (RecoveryPasswordText, in its 8 groups).</summary>
        [Parameter(ParameterSetName = ByKeyId)]
        [Parameter(ParameterSetName = ByComputer)]
        public SwitchParameter AsPlainText { get; set; }

        protected override void ProcessRecord()
        {
            object target = ParameterSetName == ByKeyId ? RecoveryKeyId : (ComputerName ?? Environment.MachineName);
            Run(target, () =>
            {
                var vault = ResolveVault();
                var service = new BitLockerService(Connection);
                var query = new BitLockerQuery
                {
                    RecoveryKeyId = ParameterSetName == ByKeyId ? RecoveryKeyId : null,
                    ComputerName = ParameterSetName == ByKeyId ? null : (string.IsNullOrWhiteSpace(ComputerName) ? Environment.MachineName : ComputerName),
                    MountPoint = MountPoint,
                    AdeOnly = ParameterSetName == ToBekFile,
                };
                if (ParameterSetName == ToBekFile)
                {
                    WriteBekFiles(service, vault, query);
                    return;
                }

                foreach (var key in service.Find(vault, query, CancelToken))
                {
                    if (key.Kind == BitLockerService.KindPassword)
                    {
                        Run(key.SecretName, () =>
                        {
                            service.ReadPassword(key, AsPlainText, CancelToken);
                            WriteObject(key);
                        });
                    }
                    else
                    {
                        WriteVerbose($"{key.SecretName}: an Azure Disk Encryption key ({key.BekFileName}); -BekFilePath writes it as a .BEK file.");
                        WriteObject(key);
                    }
                }
            });
        }

        private void WriteBekFiles(BitLockerService service, global::VaultTools.Connection.VaultAddress vault, BitLockerQuery query)
        {
            string path = GetUnresolvedProviderPathFromPSPath(BekFilePath);
            bool folder = Directory.Exists(path);
            if (!folder)
            {
                BitLockerService.CheckBekTarget(path, Force); // before any request
            }

            var keys = service.Find(vault, query, CancelToken);
            if (!folder && keys.Count > 1)
            {
                throw BitLockerService.Ambiguous($"computer '{query.ComputerName}'" + (query.MountPoint is null ? "" : $" and mount point '{query.MountPoint}'"), keys, "BekFilePath",
                    "Narrow it with -MountPoint, or give an existing folder to -BekFilePath to write every key as its own .BEK file.");
            }

            foreach (var key in keys)
            {
                string file = folder ? Path.Combine(path, BekFileName(key)) : path;
                Run(file, () =>
                {
                    if (!ShouldProcess(file, $"Write the BEK file of {key.SecretName} ({key.ComputerName} {key.MountPoint})"))
                    {
                        return;
                    }

                    var written = service.WriteBek(key, file, Force, CancelToken);
                    key.BekFilePath = written.FullName;
                    WriteVerbose($"{key.SecretName} ({key.ComputerName} {key.MountPoint}) written to {written.FullName}.");
                    WriteObject(key);
                });
            }
        }

        // The tag comes from the vault: only its file name part is used, so it cannot point outside the folder.
        private static string BekFileName(BitLockerRecoveryKey key)
        {
            string name = Path.GetFileName(key.BekFileName ?? "");
            return name.Length == 0 || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.All(c => c == '.') ? key.SecretName + ".BEK" : name;
        }
    }
}
