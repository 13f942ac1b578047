using System;
using System.Collections;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using System.Management.Automation;
using System.Security;
using VaultTools.Connection;
using VaultTools.Errors;
using VaultTools.Keys;
using VaultTools.Commands.Keys;
using VaultTools.Rotation;
using VaultTools.Validation;

namespace VaultTools.Commands.Rotation
{
    /// <summary>
    /// Rotates the secrets, keys and certificates that are due (by their tags' policy or -Interval), those
    /// named, or those Key Vault's events name. Core plans and rotates; this cmdlet binds, confirms, and
    /// writes one RotationResult per entry, with progress and a non-terminating error per failed entry.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "VaultRotation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByName)]
    [OutputType(typeof(RotationResult))]
    public sealed class InvokeVaultRotationCommand : VaultCmdlet
    {
        // Names, URLs and events share one parameter set: with separate sets PowerShell's binder settles on a set
        // as soon as VaultName binds from a piped object, before it tries -Name, so piped entries never reached -Name.
        private const string ByName = "ByName";
        private const string All_ = "All";

        private readonly List<(VaultAddress Vault, EntryKind[] Kinds, string Name, RotationEvent? Event)> _requested = new List<(VaultAddress, EntryKind[], string, RotationEvent?)>();
        private RotationRequest _request = null!;

        /// <summary>
        /// The entry's name (wildcards); binds from Get-VaultSecret/-Key/-Certificate output. One string, not an
        /// array: piped entries must bind it in the binder's first pass, with VaultName, without coercion.
        /// </summary>
        [Parameter(ParameterSetName = ByName, Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(Completers.RotationNameCompleter))]
        public string? Name { get; set; }

        /// <summary>The entry's URL: binds from piped entries and says their kind and vault.</summary>
        [Parameter(ParameterSetName = ByName, ValueFromPipelineByPropertyName = true)]
        public Uri? Id { get; set; }

        /// <summary>Every entry with a rotation policy (a RotationInterval or RotationNotice tag, or every entry with -Interval).</summary>
        [Parameter(ParameterSetName = All_, Mandatory = true)]
        public SwitchParameter All { get; set; }

        /// <summary>Key Vault Event Grid events (Event Grid or CloudEvents schema; JSON, objects, an array, or an Automation webhook's $WebhookData).</summary>
        [Parameter(ParameterSetName = ByName, ValueFromPipeline = true)]
        [ValidateNotNull]
        public RotationEventInput[] Event { get; set; } = Array.Empty<RotationEventInput>();

        /// <summary>Which kinds of entries -Name and -All look at (default: all three).</summary>
        [Parameter(ParameterSetName = ByName)]
        [Parameter(ParameterSetName = All_)]
        [ValidateSet("Secret", "Key", "Certificate", IgnoreCase = true)]
        public string[]? Kind { get; set; }

        /// <summary>Rotation interval for entries without a RotationInterval tag: ISO 8601 (P30D, P1M) or a TimeSpan.</summary>
        [Parameter]
        [IsoDurationTransformation]
        public string? Interval { get; set; }

        /// <summary>Notice window for entries without a RotationNotice tag: rotate when the current version expires within it.</summary>
        [Parameter]
        [IsoDurationTransformation]
        public string? Notice { get; set; }

        /// <summary>Rotate now, whatever the policy says.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Length of generated secret values (16 to 1024; default 32).</summary>
        [Parameter]
        public int Length { get; set; } = SecretGenerator.DefaultLength;

        /// <summary>
        /// Character classes of generated values (default Upper, Lower, Digit). Strings, not Core's enum: a
        /// value-type parameter of a Core type would load Core before the module's load context exists.
        /// </summary>
        [Parameter]
        [ValidateSet("Upper", "Lower", "Digit", "Symbol", IgnoreCase = true)]
        public string[] CharacterSet { get; set; } = { "Upper", "Lower", "Digit" };

        /// <summary>Makes a secret's new value: receives the entry ($_), returns a SecureString or string.</summary>
        [Parameter]
        public ScriptBlock? NewValue { get; set; }

        /// <summary>Gives the new value to its target before it becomes current: receives the entry ($_ / $args[0]) and the value ($args[1]); throw to refuse.</summary>
        [Parameter]
        public ScriptBlock? Update { get; set; }

        /// <summary>How many entries rotate at once (1 to 32; default 4). With -NewValue or -Update, one at a time.</summary>
        [Parameter]
        public int ThrottleLimit { get; set; } = 4;

        protected override void BeginProcessing()
        {
            try
            {
                _request = new RotationRequest
                {
                    Interval = Interval is null ? null : IsoDuration.Parse(Interval, "Interval"),
                    Notice = Notice is null ? null : IsoDuration.Parse(Notice, "Notice"),
                    Force = Force,
                    Length = Length,
                    Characters = CharacterSet.Aggregate(SecretCharacters.None, (all, c) => all | (SecretCharacters)Enum.Parse(typeof(SecretCharacters), c, true)),
                    ThrottleLimit = ThrottleLimit,
                    NewValue = NewValue is null ? null : MakeValue,
                    Update = Update is null ? null : ApplyUpdate,
                };
                _request.Validate();
            }
            catch (VaultException ex)
            {
                ThrowTerminatingError(ToErrorRecord(ex, ex.Target));
            }
        }

        protected override void ProcessRecord()
        {
            if (Event.Length > 0)
            {
                var inputs = Event;
                Event = Array.Empty<RotationEventInput>(); // pipeline input binds afresh for each object
                foreach (var input in inputs)
                {
                    Run(null, () =>
                    {
                        var vault = ResolveVault();
                        foreach (var e in RotationEvents.Parse(input.ToJson(this)))
                        {
                            if (!string.Equals(e.VaultName, vault.Name, StringComparison.OrdinalIgnoreCase))
                            {
                                throw new VaultException(VaultErrorKind.InvalidArgument, "RotationEventForOtherVault",
                                    $"-Event: the event {e.EventType} for '{e.ObjectName}' comes from vault '{e.VaultName}', but this call works on vault '{vault.Name}': pass -VaultName {e.VaultName}. Nothing was changed.", null, e.ObjectName)
                                {
                                    ParameterName = "Event",
                                };
                            }

                            _requested.Add((vault, new[] { e.Kind }, e.ObjectName, e));
                        }
                    });
                }

                return;
            }

            Run(Id ?? (object?)Name, () =>
            {
                if (ParameterSetName == All_)
                {
                    _requested.Add((ResolveVault(), Kinds(), "*", null));
                    return;
                }

                if (Id != null && Id.IsAbsoluteUri)
                {
                    var (vault, kind, name) = ParseEntryId(Id);
                    _requested.Add((vault, new[] { kind }, name, null));
                    return;
                }

                var target = ResolveVault();
                if (string.IsNullOrEmpty(Name))
                {
                    throw VaultException.InvalidArgument("RotationTargetMissing", "Name",
                        "Say what to rotate: -Name (wildcards), -All, -Event, or pipe secrets, keys, certificates or events in.");
                }

                if (!WildcardPattern.ContainsWildcardCharacters(Name))
                {
                    Validation.EntryRules.CheckEntryName(Name, EntryKind.Secret, "Name"); // the same rule for all three kinds
                }

                _requested.Add((target, Kinds(), Name!, null));
            });
        }

        protected override void EndProcessing()
        {
            var service = new RotationService(Connection);
            var plan = new List<RotationCandidate>();
            var found = new HashSet<string>(StringComparer.Ordinal);
            foreach (var group in _requested.GroupBy(r => r.Vault.Uri))
            {
                var vault = group.First().Vault;
                foreach (var byKind in group.SelectMany(r => r.Kinds.Select(k => (Kind: k, r.Name, r.Event))).GroupBy(r => r.Kind))
                {
                    var patterns = byKind.Select(r => (r.Name, Pattern: new WildcardPattern(r.Name, WildcardOptions.IgnoreCase), r.Event)).ToList();
                    Run(vault.Uri, () =>
                    {
                        var entries = service.List(vault, new[] { byKind.Key }, n => patterns.Any(p => p.Pattern.IsMatch(n)), CancelToken).ToList();
                        var candidates = service.Plan(vault, entries, _request, onlyWithPolicy: ParameterSetName == All_);
                        foreach (var candidate in candidates)
                        {
                            var named = patterns.FirstOrDefault(p => p.Event != null && p.Pattern.IsMatch(candidate.Entry.Name));
                            if (named.Event != null)
                            {
                                service.DueByEvent(candidate, named.Event);
                            }
                        }

                        plan.AddRange(candidates);
                        found.UnionWith(entries.Select(e => vault.Uri + "|" + e.Name.ToLowerInvariant()));
                    });
                }
            }

            ReportMissing(found);
            Rotate(service, plan);
        }

        /// <summary>Asks (or -WhatIf reports) for each due entry, then rotates the approved ones.</summary>
        private void Rotate(RotationService service, List<RotationCandidate> plan)
        {
            var approved = new List<RotationCandidate>();
            bool whatIf = MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? w) ? LanguagePrimitives.IsTrue(w) : LanguagePrimitives.IsTrue(SessionState.PSVariable.GetValue("WhatIfPreference"));
            foreach (var candidate in plan.Where(c => c.PolicyError != null || !c.Due))
            {
                if (candidate.PolicyError != null)
                {
                    WriteError(ToErrorRecord(candidate.PolicyError, candidate.Entry.Id));
                    WriteObject(candidate.ToResult(RotationAction.Failed));
                }
                else
                {
                    WriteVerbose($"{candidate.Entry.Kind} '{candidate.Entry.Name}': not rotated, {candidate.Reason}.");
                    WriteObject(candidate.ToResult(RotationAction.Skipped));
                }
            }

            foreach (var candidate in plan.Where(c => c.PolicyError is null && c.Due))
            {
                if (ShouldProcess(candidate.Entry.Id, $"Rotate {candidate.Entry.Kind.ToLowerInvariant()} ({candidate.Reason})"))
                {
                    approved.Add(candidate);
                }
                else
                {
                    WriteObject(whatIf ? candidate.ToResult(RotationAction.WouldRotate) : candidate.ToResult(RotationAction.Skipped, "declined at confirmation"));
                }
            }

            if ((NewValue != null || Update != null) && approved.Any(c => c.Kind != EntryKind.Secret))
            {
                WriteWarning("-NewValue and -Update apply to secrets only: keys rotate in the vault and certificates renew from their policy.");
            }

            int done = 0;
            try
            {
                foreach (var outcome in service.RotateAll(approved, _request, CancelToken))
                {
                    done++;
                    if (approved.Count > 1)
                    {
                        WriteProgress(new ProgressRecord(1, "Invoke-VaultRotation", $"{done} of {approved.Count}: {outcome.Result.Kind} '{outcome.Result.Name}' {outcome.Result.Action}")
                        {
                            PercentComplete = done * 100 / approved.Count,
                        });
                    }

                    if (outcome.Error != null)
                    {
                        WriteError(ToErrorRecord(outcome.Error, outcome.Result.Id));
                    }

                    WriteVerbose($"{outcome.Result.Kind} '{outcome.Result.Name}': {outcome.Result.Action}, {outcome.Result.Reason}.");
                    WriteObject(outcome.Result);
                }
            }
            finally
            {
                if (approved.Count > 1)
                {
                    WriteProgress(new ProgressRecord(1, "Invoke-VaultRotation", "Done") { RecordType = ProgressRecordType.Completed });
                }
            }
        }

        /// <summary>A name given without wildcards (or named by an event) that matched no entry of its kinds: ObjectNotFound.</summary>
        private void ReportMissing(HashSet<string> found)
        {
            if (ParameterSetName == All_)
            {
                return;
            }

            foreach (var (vault, kinds, name, _) in _requested.Where(r => !WildcardPattern.ContainsWildcardCharacters(r.Name)))
            {
                if (!found.Contains(vault.Uri + "|" + name.ToLowerInvariant()))
                {
                    string kind = kinds.Length == 1 ? kinds[0].ToString().ToLowerInvariant() : "secret, key or certificate";
                    WriteError(ToErrorRecord(new VaultException(VaultErrorKind.NotFound, "RotationEntryNotFound",
                        $"No {kind} named '{name}' in vault '{vault.Name}'; nothing was rotated for it.", null, name), name));
                }
            }
        }

        private EntryKind[] Kinds()
            => Kind is null || Kind.Length == 0
                ? new[] { EntryKind.Secret, EntryKind.Key, EntryKind.Certificate }
                : Kind.Select(k => (EntryKind)Enum.Parse(typeof(EntryKind), k, true)).Distinct().ToArray();

        private (VaultAddress Vault, EntryKind Kind, string Name) ParseEntryId(Uri id)
        {
            var (kind, vaultUri, name, _) = EntryRules.CheckAnyEntryId(id, "Id");
            return (Connection.VaultOfEntry(vaultUri), kind, name);
        }

        private SecureString MakeValue(RotationEntry entry)
        {
            var output = NewValue!.InvokeWithContext(null, new List<PSVariable> { new PSVariable("_", entry) }, entry);
            object? last = output.LastOrDefault(o => o != null)?.BaseObject;
            return last switch
            {
                SecureString secure => secure,
                string text when text.Length > 0 => Internal.SecureStrings.FromPlainText(text),
                _ => null!, // Core reports RotationNewValueEmpty
            };
        }

        private void ApplyUpdate(RotationEntry entry, SecureString value)
            => Update!.InvokeWithContext(null, new List<PSVariable> { new PSVariable("_", entry) }, entry, value);
    }

    /// <summary>
    /// One -Event input as given: JSON text, an event object or hashtable, or an Automation webhook's
    /// $WebhookData. Its converter accepts only such inputs, so that piped secrets, keys and certificates
    /// do not bind to -Event but to -Name/-Id by property name.
    /// </summary>
    [TypeConverter(typeof(RotationEventInputConverter))]
    public sealed class RotationEventInput
    {
        internal RotationEventInput(object value)
        {
            Value = value;
        }

        public object Value { get; }

        internal static bool LooksLikeEvent(object? input)
        {
            object? value = input is PSObject ps ? ps.BaseObject : input;
            switch (value)
            {
                case null:
                    return false;
                case string _:
                case RotationEventInput _:
                    return true;
                case IDictionary dictionary:
                    return dictionary.Contains("eventType") || dictionary.Contains("specversion") || dictionary.Contains("RequestBody");
                default:
                    var properties = PSObject.AsPSObject(input).Properties;
                    return properties["eventType"] != null || properties["specversion"] != null || properties["RequestBody"] != null;
            }
        }

        /// <summary>The event(s) as JSON; objects are written with ConvertTo-Json by the calling cmdlet.</summary>
        internal string ToJson(PSCmdlet cmdlet)
        {
            object value = Value is PSObject ps ? ps.BaseObject : Value;
            if (value is string text)
            {
                return text;
            }

            object? body = value is IDictionary d ? (d.Contains("RequestBody") ? d["RequestBody"] : null) : PSObject.AsPSObject(Value).Properties["RequestBody"]?.Value;
            if (body != null)
            {
                return new RotationEventInput(body).ToJson(cmdlet);
            }

            var json = ScriptBlock.Create("param($o) ConvertTo-Json -InputObject $o -Depth 20 -Compress").Invoke(Value);
            return json.Count == 1 && json[0]?.BaseObject is string s ? s : "";
        }
    }

    /// <summary>Converts only event-shaped inputs to <see cref="RotationEventInput"/> (see there).</summary>
    public sealed class RotationEventInputConverter : PSTypeConverter
    {
        public override bool CanConvertFrom(object sourceValue, Type destinationType) => RotationEventInput.LooksLikeEvent(sourceValue);

        public override object ConvertFrom(object sourceValue, Type destinationType, IFormatProvider formatProvider, bool ignoreCase)
            => RotationEventInput.LooksLikeEvent(sourceValue)
                ? new RotationEventInput(sourceValue)
                : throw new PSInvalidCastException("Not a Key Vault event: give Event Grid or CloudEvents JSON, event objects, or $WebhookData.");

        public override bool CanConvertTo(object sourceValue, Type destinationType) => false;

        public override object ConvertTo(object sourceValue, Type destinationType, IFormatProvider formatProvider, bool ignoreCase)
            => throw new PSInvalidCastException();
    }
}
