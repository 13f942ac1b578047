using VaultTools.Errors;
using VaultTools.Validation;
using Xunit;

namespace VaultTools.Core.Tests;

public class EntryRulesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("app-secret-1")]
    [InlineData("ABC-123")]
    public void Valid_entry_names_pass(string name) => EntryRules.CheckEntryName(name, EntryKind.Secret, "Name");

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("under_score")]
    [InlineData("dot.name")]
    public void Invalid_entry_names_name_the_parameter_and_the_rule(string name)
    {
        var ex = Assert.Throws<VaultException>(() => EntryRules.CheckEntryName(name, EntryKind.Secret, "Name"));
        Assert.Equal(VaultErrorKind.InvalidArgument, ex.Kind);
        Assert.Equal("InvalidSecretName", ex.ErrorId);
        Assert.Equal("Name", ex.ParameterName);
        Assert.Contains("-Name", ex.Message);
        Assert.Contains("letters, digits and hyphens", ex.Message);
    }

    [Fact]
    public void A_128_character_name_is_refused_and_127_accepted()
    {
        EntryRules.CheckEntryName(new string('a', 127), EntryKind.Key, "Name");
        var ex = Assert.Throws<VaultException>(() => EntryRules.CheckEntryName(new string('a', 128), EntryKind.Key, "Name"));
        Assert.Equal("InvalidKeyName", ex.ErrorId);
    }

    [Theory]
    [InlineData("abc", true)]
    [InlineData("contoso-kv-01", true)]
    [InlineData("a23456789012345678901234", true)]
    [InlineData("ab", false)]
    [InlineData("a234567890123456789012345", false)]
    [InlineData("1abc", false)]
    [InlineData("abc-", false)]
    [InlineData("ab--cd", false)]
    [InlineData("ab_cd", false)]
    public void Vault_names_follow_azure_rules(string name, bool valid)
    {
        if (valid)
        {
            EntryRules.CheckVaultName(name, "VaultName");
        }
        else
        {
            var ex = Assert.Throws<VaultException>(() => EntryRules.CheckVaultName(name, "VaultName"));
            Assert.Equal("InvalidVaultName", ex.ErrorId);
            Assert.Equal("VaultName", ex.ParameterName);
        }
    }

    [Fact]
    public void Secret_value_limit_is_25_KB_and_the_message_never_contains_the_value()
    {
        EntryRules.CheckSecretValue(new string('x', 25 * 1024), "SecretValue");
        string value = "TOPSECRET" + new string('y', 25 * 1024);
        var ex = Assert.Throws<VaultException>(() => EntryRules.CheckSecretValue(value, "SecretValue"));
        Assert.Equal("SecretValueTooLarge", ex.ErrorId);
        Assert.DoesNotContain("TOPSECRET", ex.Message);
        Assert.Contains("25", ex.Message);
    }

    [Fact]
    public void Sixteen_tags_are_refused()
    {
        var tags = Enumerable.Range(0, 16).ToDictionary(i => "t" + i, i => "v");
        var ex = Assert.Throws<VaultException>(() => EntryRules.CheckTags(tags, "Tag"));
        Assert.Equal("TooManyTags", ex.ErrorId);
        Assert.Equal("Tag", ex.ParameterName);
        tags.Remove("t15");
        EntryRules.CheckTags(tags, "Tag");
    }

    [Fact]
    public void Tag_values_over_512_characters_are_refused()
    {
        var ex = Assert.Throws<VaultException>(() => EntryRules.CheckTags(new Dictionary<string, string> { ["k"] = new string('v', 513) }, "Tag"));
        Assert.Equal("InvalidTagValue", ex.ErrorId);
    }

    [Fact]
    public void Content_type_over_255_characters_is_refused()
    {
        var ex = Assert.Throws<VaultException>(() => EntryRules.CheckContentType(new string('c', 256), "ContentType"));
        Assert.Equal("ContentTypeTooLong", ex.ErrorId);
        EntryRules.CheckContentType(new string('c', 255), "ContentType");
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789ABCDEF", true)]
    [InlineData("0123456789abcdef0123456789abcde", false)]
    [InlineData("0123456789abcdef0123456789abcdeg", false)]
    public void Versions_are_32_hex_characters(string version, bool valid)
    {
        if (valid)
        {
            EntryRules.CheckVersion(version, "Version");
        }
        else
        {
            Assert.Equal("InvalidVersion", Assert.Throws<VaultException>(() => EntryRules.CheckVersion(version, "Version")).ErrorId);
        }
    }

    [Fact]
    public void Expiry_must_follow_not_before()
    {
        var now = DateTimeOffset.UtcNow;
        var ex = Assert.Throws<VaultException>(() => EntryRules.CheckDates(now, now.AddMinutes(-1)));
        Assert.Equal("ExpiresBeforeNotBefore", ex.ErrorId);
        EntryRules.CheckDates(now, now.AddMinutes(1));
    }
}
