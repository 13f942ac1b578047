using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.InteropServices;
using System.Security;
using VaultTools.BitLocker;
using VaultTools.Internal;

namespace VaultTools.Commands.BitLocker
{
    /// <summary>
    /// Escrows BitLocker recovery passwords as secrets: from Get-BitLockerVolume's objects (pipeline, by property
    /// name), from -MountPoint on Windows (read here with Get-BitLockerVolume), or from explicit values. Only
    /// RecoveryPassword protectors are escrowed. Idempotent without reading any value (see BitLockerService).
    /// </summary>
    [Cmdlet(VerbsData.Backup, "BitLockerKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = ByLocalVolume)]
    [OutputType(typeof(BitLockerKeyBackup))]
    public sealed class BackupBitLockerKeyCommand : VaultCmdlet
    {
        private const string ByVolume = "ByVolume";
        private const string ByLocalVolume = "ByLocalVolume";
        private const string ByValue = "ByValue";
        private const string RecoveryPasswordType = "RecoveryPassword";

        /// <summary>The computer the volume belongs to; the local computer by default.</summary>
        [Parameter(ParameterSetName = ByVolume, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = ByValue, ValueFromPipelineByPropertyName = true)]
        [Alias("MachineName")]
        public string? ComputerName { get; set; }

        /// <summary>The volume's drive letter (C:) or volume path.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ByVolume, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByLocalVolume)]
        [Parameter(Mandatory = true, ParameterSetName = ByValue, ValueFromPipelineByPropertyName = true)]
        public string MountPoint { get; set; } = "";

        /// <summary>OperatingSystem or Data, as Get-BitLockerVolume reports it.</summary>
        [Parameter(ParameterSetName = ByVolume, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = ByValue, ValueFromPipelineByPropertyName = true)]
        public string? VolumeType { get; set; }

        /// <summary>The volume's key protectors (objects with KeyProtectorId, KeyProtectorType, RecoveryPassword).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ByVolume, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyCollection]
        public PSObject[] KeyProtector { get; set; } = Array.Empty<PSObject>();

        /// <summary>The recovery password protector's id (a GUID).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ByValue, ValueFromPipelineByPropertyName = true)]
        public string KeyProtectorId { get; set; } = "";

        /// <summary>The 48-digit recovery password.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ByValue, ValueFromPipelineByPropertyName = true)]
        public SecureString RecoveryPassword { get; set; } = null!;

        /// <summary>Wrap the password with this RSA key of the vault (RSA-OAEP) before storing it, as Azure Disk Encryption does.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(Completers.KeyNameCompleter))]
        public string? KeyEncryptionKeyName { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            bool vaultOk = false;
            Run(MountPoint, () => vaultOk = ResolveVault() != null); // a bad -VaultName is reported before anything else
            if (!vaultOk)
            {
                return;
            }

            switch (ParameterSetName)
            {
                case ByLocalVolume:
                    foreach (var volume in ReadLocalVolume())
                    {
                        BackupVolume(Property(volume, "ComputerName"), Property(volume, "MountPoint") ?? MountPoint, Property(volume, "VolumeType"), Protectors(volume));
                    }

                    break;
                case ByValue:
                    Escrow(new RecoveryPasswordEscrow
                    {
                        ComputerName = Computer(ComputerName),
                        MountPoint = MountPoint,
                        VolumeType = VolumeType,
                        KeyProtectorId = KeyProtectorId,
                        RecoveryPassword = RecoveryPassword,
                        KeyEncryptionKeyName = KeyEncryptionKeyName,
                    });
                    break;
                default:
                    BackupVolume(ComputerName, MountPoint, VolumeType, KeyProtector);
                    break;
            }
        }

        private void BackupVolume(string? computer, string mountPoint, string? volumeType, IEnumerable<PSObject> protectors)
        {
            string name = Computer(computer);
            int escrowed = 0;
            foreach (var protector in protectors)
            {
                string type = Property(protector, "KeyProtectorType") ?? "";
                string id = Property(protector, "KeyProtectorId") ?? "";
                if (!string.Equals(type, RecoveryPasswordType, StringComparison.OrdinalIgnoreCase))
                {
                    WriteVerbose($"Volume {mountPoint} of {name}: key protector {id} is a {(type.Length == 0 ? "protector of unknown type" : type + " protector")}, " +
                        "skipped: only RecoveryPassword protectors hold a recovery password to escrow.");
                    continue;
                }

                escrowed++;
                Escrow(new RecoveryPasswordEscrow
                {
                    ComputerName = name,
                    MountPoint = mountPoint,
                    VolumeType = volumeType,
                    KeyProtectorId = id,
                    RecoveryPassword = SecureStrings.FromPlainText(Property(protector, "RecoveryPassword")),
                    KeyEncryptionKeyName = KeyEncryptionKeyName,
                });
            }

            if (escrowed == 0)
            {
                WriteVerbose($"Volume {mountPoint} of {name} has no RecoveryPassword protector, nothing escrowed (add one with Add-BitLockerKeyProtector -RecoveryPasswordProtector).");
            }
        }

        private void Escrow(RecoveryPasswordEscrow escrow)
        {
            Run(escrow.ComputerName + " " + escrow.MountPoint, () =>
            {
                var vault = ResolveVault();
                var service = new BitLockerService(Connection);
                var plan = service.Plan(vault, escrow, CancelToken);
                string target = $"{plan.SecretName} in {vault.Name} ({escrow.ComputerName} {escrow.MountPoint}, key ID {plan.ToBackup("").RecoveryKeyId})";
                if (plan.Action == EscrowAction.Unchanged)
                {
                    WriteVerbose($"{target}: already escrowed, unchanged; nothing written.");
                    WritePassThru(plan.ToBackup("Unchanged"));
                    return;
                }

                string action = plan.Action == EscrowAction.Create
                    ? "Escrow BitLocker recovery password (new secret)"
                    : "Escrow BitLocker recovery password (new version; older versions are kept)";
                if (!ShouldProcess(target, action))
                {
                    return;
                }

                var result = service.Write(plan, CancelToken);
                WriteVerbose($"{target}: written as version {result.Version}{(result.Wrapped ? ", wrapped with " + result.KeyEncryptionKeyId : "")}.");
                WritePassThru(result);
            });
        }

        private void WritePassThru(BitLockerKeyBackup backup)
        {
            if (PassThru)
            {
                WriteObject(backup);
            }
        }

        // Get-BitLockerVolume is Windows' own reader (the BitLocker module over the Win32_EncryptableVolume WMI class).
        private List<PSObject> ReadLocalVolume()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                ThrowTerminatingError(new ErrorRecord(
                    new PlatformNotSupportedException("Backup-BitLockerKey -MountPoint reads the volumes with Get-BitLockerVolume, which exists only on Windows. " +
                        "On other systems, pipe volume objects in, or give -ComputerName, -MountPoint, -KeyProtectorId and -RecoveryPassword."),
                    "BitLockerNotAvailable", ErrorCategory.NotImplemented, MountPoint));
            }

            try
            {
                return new List<PSObject>(InvokeCommand.InvokeScript("param($m) BitLocker\\Get-BitLockerVolume -MountPoint $m -ErrorAction Stop", true, PipelineResultTypes.None, null, MountPoint));
            }
            catch (RuntimeException ex)
            {
                WriteError(new ErrorRecord(new InvalidOperationException($"Could not read BitLocker volume '{MountPoint}': {ex.Message}", ex),
                    "BitLockerVolumeUnreadable", ErrorCategory.ReadError, MountPoint));
                return new List<PSObject>();
            }
        }

        private static IEnumerable<PSObject> Protectors(PSObject volume)
        {
            object? value = volume.Properties["KeyProtector"]?.Value;
            if (value is null)
            {
                yield break;
            }

            foreach (object item in LanguagePrimitives.GetEnumerable(value) ?? new[] { value })
            {
                yield return PSObject.AsPSObject(item);
            }
        }

        private static string? Property(PSObject obj, string name)
        {
            object? value = obj.Properties[name]?.Value;
            return value is null ? null : LanguagePrimitives.ConvertTo<string>(value);
        }

        private static string Computer(string? computer) => string.IsNullOrWhiteSpace(computer) ? Environment.MachineName : computer!; // not trimmed: Core refuses a line break instead of folding it away
    }
}
