using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using VaultTools.Certificates;
using VaultTools.Connection;
using VaultTools.Errors;
using VaultTools.Internal;
using VaultTools.Keys;
using VaultTools.Secrets;

namespace VaultTools.Rotation
{
    /// <summary>
    /// Scheduled and event-driven rotation. Planning reads only the vault's lists (properties, never values)
    /// and takes "now" from the vault's answers; rotating an entry makes and stores its new value with every
    /// step named, so that a failure leaves the old version current and says where it stopped. Old versions
    /// are never disabled or deleted.
    /// </summary>
    public sealed class RotationService
    {
        private readonly VaultConnection _connection;
        private readonly SecretService _secrets;
        private readonly KeyService _keys;
        private readonly CertificateService _certificates;
        private GraphClient? _graph;

        public RotationService(VaultConnection connection)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
            _secrets = new SecretService(connection);
            _keys = new KeyService(connection);
            _certificates = new CertificateService(connection);
        }

        /// <summary>How long a certificate renewal may take (as Add-VaultCertificate).</summary>
        public PollSettings CertificatePolling
        {
            get => _certificates.CreationPolling;
            set => _certificates.CreationPolling = value;
        }

        /// <summary>The vault's time (Date header of its latest answer; the local clock before any answer).</summary>
        public DateTimeOffset Now => _connection.Clock.Now;

        /// <summary>
        /// The entries of the given kinds whose names match, as the lists give them (no values read).
        /// Secrets and keys that back a certificate are left out: they rotate with their certificate.
        /// </summary>
        public IEnumerable<RotationEntry> List(VaultAddress vault, IEnumerable<EntryKind> kinds, Func<string, bool>? nameFilter, CancellationToken cancellationToken = default)
        {
            foreach (var kind in kinds.Distinct())
            {
                IEnumerable<RotationEntry> entries = kind switch
                {
                    EntryKind.Secret => _secrets.List(vault, nameFilter, cancellationToken).Where(p => !p.Managed)
                        .Select(p => Entry(vault, "Secret", p.Name, p.Version, p.Id, p.Enabled, p.Created, p.Expires, p.ContentType, p.Tags)),
                    EntryKind.Key => _keys.List(vault, nameFilter, cancellationToken).Where(p => !p.Managed)
                        .Select(p => Entry(vault, "Key", p.Name, p.Version, p.Id, p.Enabled, p.Created, p.Expires, null, p.Tags)),
                    EntryKind.Certificate => _certificates.List(vault, nameFilter, cancellationToken)
                        .Select(p => Entry(vault, "Certificate", p.Name, p.Version, p.Id, p.Enabled, p.Created, p.Expires, null, p.Tags)),
                    _ => throw new ArgumentOutOfRangeException(nameof(kinds)),
                };
                foreach (var entry in entries)
                {
                    yield return entry;
                }
            }
        }

        /// <summary>
        /// Decides for each entry whether it is due at the vault's time. With <paramref name="onlyWithPolicy"/>
        /// (-All) entries without a policy tag are left out unless the request gives an interval or -Force.
        /// </summary>
        public IList<RotationCandidate> Plan(VaultAddress vault, IEnumerable<RotationEntry> entries, RotationRequest request, bool onlyWithPolicy)
        {
            var now = Now;
            var plan = new List<RotationCandidate>();
            foreach (var entry in entries)
            {
                if (onlyWithPolicy && !request.Force && request.Interval is null && !RotationTags.HasPolicy(entry.Tags))
                {
                    continue;
                }

                var candidate = new RotationCandidate(vault, KindOf(entry.Kind), entry);
                plan.Add(candidate);
                try
                {
                    candidate.Policy = RotationPolicy.From(entry.Tags, $"{entry.Kind.ToLowerInvariant()} '{entry.Name}'", request.Interval, request.Notice);
                    entry.NextCredentialId = candidate.Policy.NextCredential(entry.CredentialId, $"{entry.Kind.ToLowerInvariant()} '{entry.Name}'");
                }
                catch (VaultException ex)
                {
                    candidate.PolicyError = ex;
                    candidate.Reason = ex.Message;
                    continue;
                }

                candidate.NextDue = candidate.Policy.NextDue(entry.Created, entry.Expires);
                if (!entry.Enabled)
                {
                    candidate.Reason = "current version is disabled: enable it or rotate with Set-VaultSecret";
                    continue;
                }

                var (due, reason) = candidate.Policy.Decide(entry.Created, entry.Expires, now);
                candidate.Due = due || request.Force;
                candidate.Reason = !due && request.Force ? "-Force (" + reason + ")" : reason;
                if (candidate.Due)
                {
                    ResolveVersion(candidate);
                }
            }

            return plan;
        }

        /// <summary>
        /// The current version of a due entry (lists give versionless ids): the newest of its listed versions,
        /// properties only. Read only for entries that are due, so a large vault with few due entries costs few reads.
        /// </summary>
        private void ResolveVersion(RotationCandidate candidate, CancellationToken cancellationToken = default)
        {
            var entry = candidate.Entry;
            if (entry.Version != null)
            {
                return;
            }

            // When the version list cannot say which version is current (a tie, see CurrentVersion), the current
            // version is read itself (rarely), and for a secret its value is dropped at once.
            var vault = candidate.Vault;
            entry.Version = candidate.Kind switch
            {
                EntryKind.Key => Current(_keys.FromVersionList(vault, entry.Name, cancellationToken))
                    ?? _keys.Get(vault, entry.Name, null, cancellationToken).Version,
                EntryKind.Certificate => Current(_certificates.FromVersionList(vault, entry.Name, cancellationToken))
                    ?? _certificates.Get(vault, entry.Name, null, cancellationToken).Version,
                _ => Current(_secrets.FromVersionList(vault, entry.Name, cancellationToken))
                    ?? _secrets.Get(vault, entry.Name, null, cancellationToken).Version,
            };
            if (entry.Version != null)
            {
                entry.Id = entry.Id.TrimEnd('/') + "/" + entry.Version;
            }
        }

        private static string? Current((VaultEntryProperties Newest, bool Tied) listed) => listed.Tied ? null : listed.Newest.Version;

        /// <summary>Marks a candidate due because an event named it (it rotates whatever its age).</summary>
        public void DueByEvent(RotationCandidate candidate, RotationEvent rotationEvent)
        {
            if (candidate.PolicyError != null)
            {
                return;
            }

            ResolveVersion(candidate);

            if (!rotationEvent.CallsForRotation)
            {
                candidate.Due = false;
                candidate.Reason = $"event {rotationEvent.EventType} does not call for rotation";
            }
            else if (rotationEvent.Version != null && candidate.Entry.Version != null && !string.Equals(rotationEvent.Version, candidate.Entry.Version, StringComparison.OrdinalIgnoreCase))
            {
                candidate.Due = false;
                candidate.Reason = $"already rotated: the event names version {rotationEvent.Version}, the current version is {candidate.Entry.Version}";
            }
            else
            {
                candidate.Due = true;
                candidate.Reason = "event " + rotationEvent.EventType;
            }
        }

        /// <summary>
        /// Rotates the candidates, at most ThrottleLimit at once, yielding each outcome as it completes (on the
        /// caller's thread). With hooks (NewValue, Update) entries rotate one at a time on the caller's thread,
        /// because PowerShell script blocks run only there.
        /// </summary>
        public IEnumerable<RotationOutcome> RotateAll(IReadOnlyList<RotationCandidate> candidates, RotationRequest request, CancellationToken cancellationToken = default)
        {
            if (request.NewValue != null || request.Update != null || request.ThrottleLimit == 1 || candidates.Count < 2)
            {
                foreach (var candidate in candidates)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return Rotate(candidate, request, cancellationToken);
                }

                yield break;
            }

            using var outcomes = new BlockingCollection<RotationOutcome>();
            using var gate = new SemaphoreSlim(request.ThrottleLimit);
            var tasks = candidates.Select(candidate => Task.Run(async () =>
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    outcomes.Add(Rotate(candidate, request, cancellationToken));
                }
                finally
                {
                    gate.Release();
                }
            }, cancellationToken)).ToArray();
            var all = Task.WhenAll(tasks).ContinueWith(_ => outcomes.CompleteAdding(), TaskScheduler.Default);
            foreach (var outcome in outcomes.GetConsumingEnumerable(cancellationToken))
            {
                yield return outcome;
            }

            all.Wait(cancellationToken);
        }

        /// <summary>Rotates one entry; never throws for a failed step (the outcome says which step failed).</summary>
        public RotationOutcome Rotate(RotationCandidate candidate, RotationRequest request, CancellationToken cancellationToken = default)
        {
            if (candidate.PolicyError != null || candidate.Policy is null)
            {
                return new RotationOutcome(candidate.ToResult(RotationAction.Failed), candidate.PolicyError);
            }

            var result = candidate.ToResult(RotationAction.Rotated);
            result.FailedStep = null;
            string step = "Start";
            try
            {
                switch (candidate.Kind)
                {
                    case EntryKind.Key:
                        step = "RotateKey";
                        var key = _keys.Rotate(candidate.Vault, candidate.Entry.Name, cancellationToken);
                        Done(result, key.Version, key.Id, candidate.Policy.NextDue(key.Created, key.Expires), "rotated by the vault");
                        return new RotationOutcome(result);
                    case EntryKind.Certificate:
                        step = "RenewCertificate";
                        return RenewCertificate(candidate, result, cancellationToken);
                    default:
                        return RotateSecret(candidate, request, result, s => step = s, cancellationToken);
                }
            }
            catch (VaultException ex) when (ex.Kind != VaultErrorKind.Cancelled)
            {
                return Failed(candidate, result, step, ex);
            }
            catch (Exception ex) when (!(ex is VaultException) && !(ex is OperationCanceledException))
            {
                // Whatever else a step throws is this entry's failure, not the batch's: the next entry goes on.
                return Failed(candidate, result, step, new VaultException(VaultErrorKind.ServiceError, "RotationStepFailed", ex.Message, ex, candidate.Entry.Name));
            }
        }

        private RotationOutcome RotateSecret(RotationCandidate candidate, RotationRequest request, RotationResult result, Action<string> stepIs, CancellationToken cancellationToken)
        {
            var entry = candidate.Entry;
            var policy = candidate.Policy!;
            var now = Now;
            SecureString value;
            string? credentialId = entry.NextCredentialId;
            string? appId = entry.Tags.TryGetValue(RotationTags.ApplicationObjectId, out var id) ? id : null;
            GraphPasswordCredential? added = null;
            if (appId != null)
            {
                stepIs("AddPassword");
                var interval = policy.Interval ?? throw new VaultException(VaultErrorKind.InvalidArgument, "RotationIntervalRequired",
                    $"secret '{entry.Name}' holds an app registration secret but has no {RotationTags.Interval} tag and the call gave no -Interval: the password's end date would be unknown. Nothing was changed.", null, entry.Name);
                _graph ??= new GraphClient(_connection);
                var end = policy.Overlap.AddTo(interval.AddTo(now));
                (added, value) = _graph.AddPassword(appId, $"VaultTools rotation of {candidate.Vault.Name}/{entry.Name}", end, cancellationToken);
                credentialId = added.KeyId;
            }
            else
            {
                stepIs("NewValue");
                value = request.NewValue is null ? SecretGenerator.Generate(request.Length, request.Characters) : Hook(() => request.NewValue(entry), "NewValue", entry);
                if (value is null || value.Length == 0)
                {
                    throw new VaultException(VaultErrorKind.InvalidArgument, "RotationNewValueEmpty",
                        $"-NewValue returned nothing for secret '{entry.Name}': it must return the new value as a SecureString or string. Nothing was changed.", null, entry.Name)
                    {
                        ParameterName = "NewValue",
                    };
                }
            }

            try
            {
                if (request.Update != null)
                {
                    stepIs("Update");
                    Hook<object?>(() =>
                    {
                        request.Update(entry, value);
                        return null;
                    }, "Update", entry);
                }

                stepIs("StoreVersion");
                var tags = new Dictionary<string, string>(entry.Tags, StringComparer.Ordinal);
                if (credentialId != null)
                {
                    tags[RotationTags.CredentialId] = credentialId;
                }

                var stored = _secrets.Set(candidate.Vault, new SecretWrite
                {
                    Name = entry.Name,
                    Value = value,
                    ContentType = entry.ContentType,
                    Tags = tags,
                    Expires = NewExpiry(policy, entry, now),
                }, cancellationToken);
                result.CredentialId = credentialId;
                Done(result, stored.Version, stored.Id, policy.NextDue(stored.Created, stored.Expires), appId is null ? "new value stored" : $"new app password {credentialId} stored");
            }
            catch (VaultException ex) when (added != null && appId != null && ex.Kind != VaultErrorKind.Cancelled)
            {
                // The new password is not in the vault: take it back so that it does not linger unused.
                string undo;
                try
                {
                    _graph!.RemovePassword(appId, added.KeyId, cancellationToken);
                    undo = $"the new app password {added.KeyId} was removed again";
                }
                catch (VaultException)
                {
                    undo = $"the new app password {added.KeyId} could not be removed: remove it from the app registration";
                }

                throw new VaultException(ex.Kind, ex.ErrorId, ex.Message + " (" + undo + ")", ex, ex.Target) { Status = ex.Status, ServiceErrorCode = ex.ServiceErrorCode, ParameterName = ex.ParameterName };
            }

            if (appId != null && entry.CredentialId != null)
            {
                stepIs("RemovePassword");
                try
                {
                    RemoveOlderPasswords(appId, entry.CredentialId, credentialId!, cancellationToken);
                }
                catch (VaultException ex) when (ex.Kind != VaultErrorKind.Cancelled)
                {
                    // Rotated: the new secret works. Only the clean-up of credentials before the replaced one failed.
                    result.Reason += "; removing older app passwords failed (they expire by themselves)";
                    return new RotationOutcome(result, new VaultException(ex.Kind, "RotationRemovePasswordFailed",
                        $"Secret '{entry.Name}' rotated, but removing app passwords older than {entry.CredentialId} failed: {ex.Message}", ex, entry.Name));
                }
            }

            return new RotationOutcome(result);
        }

        /// <summary>Removes the passwords created before the one just replaced, so that exactly two stay valid: the replaced one and the new one.</summary>
        private void RemoveOlderPasswords(string appId, string replacedKeyId, string newKeyId, CancellationToken cancellationToken)
        {
            var passwords = _graph!.GetPasswords(appId, cancellationToken);
            var replaced = passwords.FirstOrDefault(p => string.Equals(p.KeyId, replacedKeyId, StringComparison.OrdinalIgnoreCase));
            if (replaced?.StartDateTime is null)
            {
                return;
            }

            foreach (var old in passwords.Where(p => p.StartDateTime < replaced.StartDateTime
                && !string.Equals(p.KeyId, replacedKeyId, StringComparison.OrdinalIgnoreCase)
                && !string.Equals(p.KeyId, newKeyId, StringComparison.OrdinalIgnoreCase)))
            {
                _graph.RemovePassword(appId, old.KeyId, cancellationToken);
            }
        }

        private RotationOutcome RenewCertificate(RotationCandidate candidate, RotationResult result, CancellationToken cancellationToken)
        {
            var policy = _certificates.GetPolicy(candidate.Vault, candidate.Entry.Name, cancellationToken);
            var creation = _certificates.StartCreate(candidate.Vault, candidate.Entry.Name, policy, candidate.Entry.Tags, true, cancellationToken);
            var certificate = _certificates.WaitForCreation(candidate.Vault, creation, null, cancellationToken);
            if (certificate is null)
            {
                throw new VaultException(VaultErrorKind.ServiceError, "RotationCertificatePending",
                    $"The renewal of certificate '{candidate.Entry.Name}' is still {creation.Status.Status} after {CertificatePolling.Timeout.TotalMinutes:0} minutes; the vault goes on with it and the old version stays current until it completes.", null, candidate.Entry.Name);
            }

            Done(result, certificate.Version, certificate.Id, candidate.Policy!.NextDue(certificate.Created, certificate.Expires), $"renewed from its policy (issuer {policy.IssuerName ?? "Self"})");
            return new RotationOutcome(result);
        }

        /// <summary>now + interval; without an interval the old version's lifetime, when it had one; else no expiry.</summary>
        private static DateTimeOffset? NewExpiry(RotationPolicy policy, RotationEntry entry, DateTimeOffset now)
        {
            if (policy.Interval != null)
            {
                return policy.Interval.AddTo(now);
            }

            return entry.Expires != null && entry.Created != null && entry.Expires > entry.Created ? now + (entry.Expires.Value - entry.Created.Value) : (DateTimeOffset?)null;
        }

        private static T Hook<T>(Func<T> hook, string step, RotationEntry entry)
        {
            try
            {
                return hook();
            }
            catch (VaultException)
            {
                throw;
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                // The script block's own message: it is the user's code, and says what the target refused.
                throw new VaultException(VaultErrorKind.ServiceError, "Rotation" + step + "Failed",
                    $"-{step} failed for {entry.Kind.ToLowerInvariant()} '{entry.Name}': {ex.Message} The old version stays current; nothing was stored.", ex, entry.Name)
                {
                    ParameterName = step,
                };
            }
        }

        private static void Done(RotationResult result, string? version, string id, DateTimeOffset? nextDue, string how)
        {
            result.Action = RotationAction.Rotated;
            result.NewVersion = version;
            result.Id = id;
            result.NextDue = nextDue;
            result.Reason = result.Reason + "; " + how;
        }

        private static RotationOutcome Failed(RotationCandidate candidate, RotationResult result, string step, VaultException ex)
        {
            result.Action = RotationAction.Failed;
            result.FailedStep = step;
            result.NewVersion = null;
            result.Id = candidate.Entry.Id;
            result.Reason = $"step {step} failed: {ex.Message}";
            return new RotationOutcome(result, new VaultException(ex.Kind, ex.ErrorId,
                $"Rotation of {candidate.Entry.Kind.ToLowerInvariant()} '{candidate.Entry.Name}' failed at step {step}; the old version {candidate.Entry.Version} stays current. {ex.Message}", ex, candidate.Entry.Id)
            {
                Status = ex.Status,
                ServiceErrorCode = ex.ServiceErrorCode,
                ParameterName = ex.ParameterName,
                RecommendedAction = ex.RecommendedAction,
            });
        }

        internal static EntryKind KindOf(string kind) => kind switch
        {
            "Key" => EntryKind.Key,
            "Certificate" => EntryKind.Certificate,
            _ => EntryKind.Secret,
        };

        private static RotationEntry Entry(VaultAddress vault, string kind, string name, string? version, string id, bool enabled, DateTimeOffset? created, DateTimeOffset? expires, string? contentType, Dictionary<string, string> tags)
            => new RotationEntry
            {
                VaultName = vault.Name,
                VaultUri = vault.Uri,
                Name = name,
                Kind = kind,
                Version = version,
                Id = id,
                Enabled = enabled,
                Created = created,
                Expires = expires,
                ContentType = contentType,
                Tags = new Dictionary<string, string>(tags, StringComparer.Ordinal),
                CredentialId = tags.TryGetValue(RotationTags.CredentialId, out var credential) ? credential : null,
            };
    }
}
