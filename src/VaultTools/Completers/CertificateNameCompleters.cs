using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using VaultTools.Certificates;
using VaultTools.Connection;
using VaultTools.Secrets;

namespace VaultTools.Completers
{
    /// <summary>Completes certificate names from the vault (deleted ones after -InRemovedState).</summary>
    public sealed class CertificateNameCompleter : EntryNameCompleter
    {
        protected override IEnumerable<string> ListNames(VaultConnection connection, VaultAddress vault, CancellationToken cancellationToken)
            => new CertificateService(connection).List(vault, null, cancellationToken).Select(c => c.Name);

        protected override IEnumerable<string>? ListDeletedNames(VaultConnection connection, VaultAddress vault, CancellationToken cancellationToken)
            => new CertificateService(connection).ListDeleted(vault, null, cancellationToken).Select(c => c.Name);
    }

    /// <summary>Completes the names of the vault's certificate issuers (and Self, for -IssuerName of a policy).</summary>
    public sealed class CertificateIssuerNameCompleter : EntryNameCompleter
    {
        private static readonly string[] Self = { "Self" };

        protected override IEnumerable<string> ListNames(VaultConnection connection, VaultAddress vault, CancellationToken cancellationToken)
            => new CertificateIssuerService(connection).List(vault, null, cancellationToken).Select(i => i.Name).Concat(Self);
    }

    /// <summary>Completes the names of soft-deleted certificates (for Undo-VaultCertificateRemoval).</summary>
    public sealed class DeletedCertificateNameCompleter : EntryNameCompleter
    {
        protected override IEnumerable<string> ListNames(VaultConnection connection, VaultAddress vault, CancellationToken cancellationToken)
            => new CertificateService(connection).ListDeleted(vault, null, cancellationToken).Select(c => c.Name);
    }

    /// <summary>Completes the names of soft-deleted keys (for Undo-VaultKeyRemoval).</summary>
    public sealed class DeletedKeyNameCompleter : EntryNameCompleter
    {
        protected override IEnumerable<string> ListNames(VaultConnection connection, VaultAddress vault, CancellationToken cancellationToken)
            => new Keys.KeyService(connection).ListDeleted(vault, null, cancellationToken).Select(k => k.Name);
    }

    /// <summary>Completes the names of soft-deleted secrets (for Undo-VaultSecretRemoval).</summary>
    public sealed class DeletedSecretNameCompleter : EntryNameCompleter
    {
        protected override IEnumerable<string> ListNames(VaultConnection connection, VaultAddress vault, CancellationToken cancellationToken)
            => new SecretService(connection).ListDeleted(vault, null, cancellationToken).Select(s => s.Name);
    }

    /// <summary>Completes the elliptic curves Key Vault supports, for keys and certificates (-CurveName stays open to future curves).</summary>
    public sealed class CurveNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var pattern = new WildcardPattern((wordToComplete ?? "").Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
            return Validation.CertificateRules.CurveNames.Where(pattern.IsMatch)
                .Select(c => new CompletionResult(c, c, CompletionResultType.ParameterValue, c));
        }
    }

    /// <summary>Completes the CA providers Key Vault knows (-IssuerProvider stays open to others). ArgumentCompletions is not in Windows PowerShell 5.1.</summary>
    public sealed class IssuerProviderCompleter : IArgumentCompleter
    {
        private static readonly string[] Providers = { "DigiCert", "GlobalSign", "OneCertV2-PublicCA", "OneCertV2-PrivateCA" };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var pattern = new WildcardPattern((wordToComplete ?? "").Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
            return Providers.Where(pattern.IsMatch).Select(p => new CompletionResult(p, p, CompletionResultType.ParameterValue, p));
        }
    }
}
