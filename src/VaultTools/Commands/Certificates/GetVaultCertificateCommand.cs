using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using VaultTools.Certificates;
using VaultTools.Connection;

namespace VaultTools.Commands.Certificates
{
    /// <summary>
    /// Reads a certificate (its public X.509 certificate, key and secret ids), lists certificates
    /// matching a wildcard, lists a certificate's versions, reads one by its own URL (-Id), or with
    /// -InRemovedState reads or lists soft-deleted certificates.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "VaultCertificate", DefaultParameterSetName = ByName)]
    [OutputType(typeof(VaultCertificate), typeof(VaultCertificateProperties), typeof(DeletedVaultCertificate))]
    public sealed class GetVaultCertificateCommand : GetEntryCmdlet
    {
        private CertificateService? _service;

        [Parameter(ParameterSetName = ByName, Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(Completers.CertificateNameCompleter))]
        public string? Name { get; set; }

        protected override string? EntryName => Name;

        protected override string Noun => "certificate";

        private CertificateService Service => _service ??= new CertificateService(Connection);

        protected override object GetById(Uri id) => Service.GetById(id, CancelToken);

        protected override object Get(VaultAddress vault, string name, string? version) => Service.Get(vault, name, version, CancelToken);

        protected override IEnumerable<(string Name, object Entry)> List(VaultAddress vault, Func<string, bool>? nameFilter)
            => Service.List(vault, nameFilter, CancelToken).Select(c => (c.Name, (object)c));

        protected override IEnumerable<object> ListVersions(VaultAddress vault, string name) => Service.ListVersions(vault, name, CancelToken);

        protected override object GetDeleted(VaultAddress vault, string name) => Service.GetDeleted(vault, name, CancelToken);

        protected override IEnumerable<object> ListDeleted(VaultAddress vault, Func<string, bool>? nameFilter) => Service.ListDeleted(vault, nameFilter, CancelToken);
    }
}
