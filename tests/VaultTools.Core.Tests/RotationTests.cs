using System;
using System.Collections.Generic;
using System.Linq;
using VaultTools.Errors;
using VaultTools.Internal;
using VaultTools.Keys;
using VaultTools.Rotation;
using Xunit;

namespace VaultTools.Core.Tests
{
    /// <summary>Rotation's decisions that need no vault: due dates by the calendar, tag policies, generated values, event parsing.</summary>
    public class RotationTests
    {
        private static readonly DateTimeOffset Created = new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

        private static RotationPolicy Policy(params (string Key, string Value)[] tags)
            => RotationPolicy.From(tags.ToDictionary(t => t.Key, t => t.Value), "secret 's'", null, null);

        [Fact]
        public void A_month_is_a_calendar_month()
        {
            Assert.Equal(new DateTimeOffset(2026, 2, 28, 12, 0, 0, TimeSpan.Zero), IsoDuration.Parse("P1M", "x").AddTo(Created));
            Assert.Equal(Created.AddDays(30), IsoDuration.Parse("P30D", "x").AddTo(Created));
            Assert.Equal(Created.AddYears(1).AddHours(12), IsoDuration.Parse("P1YT12H", "x").AddTo(Created));
        }

        [Fact]
        public void Due_when_older_than_the_interval_or_expiring_within_the_notice()
        {
            var policy = Policy((RotationTags.Interval, "P1M"), (RotationTags.Notice, "P7D"));
            Assert.False(policy.Decide(Created, null, Created.AddDays(27)).Due);
            Assert.True(policy.Decide(Created, null, Created.AddDays(29)).Due);
            var expires = Created.AddDays(20);
            Assert.False(policy.Decide(Created, expires, Created.AddDays(12)).Due);
            var (due, reason) = policy.Decide(Created, expires, Created.AddDays(14));
            Assert.True(due);
            Assert.Contains("within P7D", reason);
            Assert.Equal(expires.AddDays(-7), policy.NextDue(Created, expires));
        }

        [Fact]
        public void The_entry_tag_wins_over_the_call_interval()
        {
            var tags = new Dictionary<string, string> { [RotationTags.Interval] = "P90D" };
            var policy = RotationPolicy.From(tags, "secret 's'", IsoDuration.Parse("P1D", "Interval"), null);
            Assert.Equal("P90D", policy.Interval!.Text);
            Assert.Equal("P1D", RotationPolicy.From(new Dictionary<string, string>(), "secret 's'", IsoDuration.Parse("P1D", "Interval"), null).Interval!.Text);
        }

        [Theory]
        [InlineData(RotationTags.Interval, "monthly")]
        [InlineData(RotationTags.Notice, "7")]
        [InlineData(RotationTags.Credentials, "key1")]
        public void A_malformed_tag_is_InvalidRotationTag(string tag, string value)
        {
            var ex = Assert.Throws<VaultException>(() => Policy((tag, value)));
            Assert.Equal("InvalidRotationTag", ex.ErrorId);
            Assert.Contains(tag, ex.Message);
        }

        [Fact]
        public void Dual_credentials_alternate_and_an_unknown_current_one_is_refused()
        {
            var policy = Policy((RotationTags.Credentials, "key1,key2"));
            Assert.Equal("key2", policy.NextCredential("key1", "s"));
            Assert.Equal("key1", policy.NextCredential("key2", "s"));
            Assert.Equal("key1", policy.NextCredential(null, "s"));
            Assert.Equal("InvalidRotationTag", Assert.Throws<VaultException>(() => policy.NextCredential("key3", "s")).ErrorId);
        }

        [Fact]
        public void Generated_values_have_the_length_and_every_chosen_class()
        {
            for (int i = 0; i < 50; i++)
            {
                string value = SecureStrings.ToPlainText(SecretGenerator.Generate(16, SecretCharacters.All));
                Assert.Equal(16, value.Length);
                Assert.Contains(value, char.IsUpper);
                Assert.Contains(value, char.IsLower);
                Assert.Contains(value, char.IsDigit);
                Assert.Contains(value, c => !char.IsLetterOrDigit(c));
            }

            Assert.Equal("InvalidSecretLength", Assert.Throws<VaultException>(() => SecretGenerator.Generate(8)).ErrorId);
            Assert.Equal("InvalidSecretCharacters", Assert.Throws<VaultException>(() => SecretGenerator.Generate(32, SecretCharacters.None)).ErrorId);
        }

        [Fact]
        public void Events_of_both_schemas_name_their_entry()
        {
            const string eventGrid = "[{\"id\":\"1\",\"topic\":\"/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv\",\"subject\":\"db\",\"eventType\":\"Microsoft.KeyVault.SecretNearExpiry\",\"eventTime\":\"2026-01-01T00:00:00Z\",\"dataVersion\":\"1\",\"data\":{\"Id\":\"https://kv.vault.azure.net/secrets/db/v1\",\"VaultName\":\"kv\",\"ObjectType\":\"Secret\",\"ObjectName\":\"db\",\"Version\":\"v1\"}}]";
            var parsed = Assert.Single(RotationEvents.Parse(eventGrid));
            Assert.Equal(("kv", "db", "v1", EntryKind.Secret, true), (parsed.VaultName, parsed.ObjectName, parsed.Version, parsed.Kind, parsed.CallsForRotation));

            const string cloud = "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv\",\"subject\":\"sign\",\"type\":\"Microsoft.KeyVault.KeyNewVersionCreated\",\"data\":{\"Id\":\"https://kv.vault.azure.net/keys/sign/v2\",\"VaultName\":\"kv\",\"ObjectType\":\"Key\",\"ObjectName\":\"sign\",\"Version\":\"v2\"}}";
            var key = Assert.Single(RotationEvents.Parse(cloud));
            Assert.Equal(EntryKind.Key, key.Kind);
            Assert.False(key.CallsForRotation);

            Assert.Equal("InvalidRotationEvent", Assert.Throws<VaultException>(() => RotationEvents.Parse("nope")).ErrorId);
            Assert.Equal("UnsupportedRotationEvent", Assert.Throws<VaultException>(() => RotationEvents.Parse(
                "{\"id\":\"1\",\"subject\":\"x\",\"eventType\":\"Microsoft.Storage.BlobCreated\",\"eventTime\":\"2026-01-01T00:00:00Z\",\"dataVersion\":\"1\",\"data\":{}}")).ErrorId);
        }
    }
}
