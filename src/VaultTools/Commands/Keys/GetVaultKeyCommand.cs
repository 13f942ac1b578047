using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using VaultTools.Connection;
using VaultTools.Keys;

namespace VaultTools.Commands.Keys
{
    /// <summary>
    /// Reads a key (its public key and properties), lists keys matching a wildcard, lists a key's
    /// versions, reads a key by its URL (-Id), or - with -InRemovedState - gets or lists soft-deleted keys.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "VaultKey", DefaultParameterSetName = ByName)]
    [OutputType(typeof(VaultKey), typeof(VaultKeyProperties), typeof(DeletedVaultKey))]
    public sealed class GetVaultKeyCommand : GetEntryCmdlet
    {
        private KeyService? _service;

        [Parameter(ParameterSetName = ByName, Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(Completers.KeyNameCompleter))]
        public string? Name { get; set; }

        protected override string? EntryName => Name;

        protected override string Noun => "key";

        private KeyService Service => _service ??= new KeyService(Connection);

        protected override object GetById(Uri id) => Service.GetById(id, CancelToken);

        protected override object Get(VaultAddress vault, string name, string? version) => Service.Get(vault, name, version, CancelToken);

        protected override IEnumerable<(string Name, object Entry)> List(VaultAddress vault, Func<string, bool>? nameFilter)
            => Service.List(vault, nameFilter, CancelToken).Select(k => (k.Name, (object)k));

        protected override IEnumerable<object> ListVersions(VaultAddress vault, string name) => Service.ListVersions(vault, name, CancelToken);

        protected override object GetDeleted(VaultAddress vault, string name) => Service.GetDeleted(vault, name, CancelToken);

        protected override IEnumerable<object> ListDeleted(VaultAddress vault, Func<string, bool>? nameFilter) => Service.ListDeleted(vault, nameFilter, CancelToken);
    }
}
