using System;
using VaultTools.BitLocker;
using VaultTools.Errors;
using Xunit;

namespace VaultTools.Core.Tests;

public class BitLockerRulesTests
{
    private const string Valid = "111111-222222-333333-444444-555555-000000-123453-654324";

    [Theory]
    [InlineData(Valid)]
    [InlineData("111111 222222 333333 444444 555555 000000 123453 654324")]
    [InlineData("111111222222333333444444555555000000123453654324")]
    [InlineData(" 720885-000000-000000-000000-000000-000000-000000-000000 ")] // 11 x 65535: the largest group
    public void Valid_passwords_are_normalised_to_eight_hyphenated_groups(string password)
    {
        string canonical = RecoveryPasswords.Normalize(password, "RecoveryPassword");
        Assert.Matches("^(\\d{6}-){7}\\d{6}$", canonical);
        Assert.Equal(password.Replace(" ", "").Replace("-", "").Trim(), canonical.Replace("-", ""));
    }

    [Theory]
    [InlineData("111112-222222-333333-444444-555555-000000-123453-654324", "group 1")]  // not a multiple of 11
    [InlineData("720896-000000-000000-000000-000000-000000-000000-000000", "group 1")]  // 11 x 65536
    [InlineData("111111-222222-333333-444444-555555-000000-123453-65432", "47 digits")]
    [InlineData("111111-222222-333333-444444-555555-000000-123453-65432A", "character")]
    [InlineData("11111-1222222-333333-444444-555555-000000-123453-654324", "separators")]
    [InlineData("", "empty")]
    public void Invalid_passwords_are_refused_naming_the_parameter_and_the_rule_never_the_value(string password, string reason)
    {
        var ex = Assert.Throws<VaultException>(() => RecoveryPasswords.Normalize(password, "RecoveryPassword"));
        Assert.Equal("InvalidRecoveryPassword", ex.ErrorId);
        Assert.Equal(VaultErrorKind.InvalidArgument, ex.Kind);
        Assert.Equal("RecoveryPassword", ex.ParameterName);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.Target);
        foreach (string group in password.Split('-'))
        {
            if (group.Length >= 5 && group != "000000")
            {
                Assert.DoesNotContain(group, ex.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void The_fingerprint_is_salted_by_the_protector_and_ignores_spacing()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        string fa = RecoveryPasswords.Fingerprint(a, RecoveryPasswords.Normalize(Valid, "p"));
        Assert.Matches("^sha256:[0-9a-f]{64}$", fa);
        Assert.Equal(fa, RecoveryPasswords.Fingerprint(a, RecoveryPasswords.Normalize(Valid.Replace('-', ' '), "p")));
        Assert.NotEqual(fa, RecoveryPasswords.Fingerprint(b, RecoveryPasswords.Normalize(Valid, "p")));
        Assert.DoesNotContain("111111", fa, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("VM-WEB01", "C:", "bitlocker-vm-web01-c-1a2b3c4d")]
    [InlineData("vm-web01.contoso.local", "d:\\", "bitlocker-vm-web01-contoso-local-d-1a2b3c4d")]
    [InlineData("Büro_PC  7", "E", "bitlocker-b-ro-pc-7-e-1a2b3c4d")]
    [InlineData("__", "C:", "bitlocker-computer-c-1a2b3c4d")]
    [InlineData("VM", "\\\\?\\Volume{0a1b2c3d-1111-2222-3333-444455556666}\\", "bitlocker-vm-vol0a1b2c3d-1a2b3c4d")]
    public void Secret_names_follow_the_documented_rule(string computer, string mountPoint, string expected)
    {
        var id = Guid.Parse("1A2B3C4D-5E6F-4A5B-8C7D-9E0F1A2B3C4D");
        Assert.Equal(expected, BitLockerNames.SecretName(computer, mountPoint, id));
    }

    [Fact]
    public void Long_names_and_folder_mount_points_stay_inside_the_vault_limit()
    {
        string name = BitLockerNames.SecretName(new string('x', 300) + "." + new string('y', 300), "C:\\Mounts\\Data Disk 1\\", Guid.NewGuid());
        Assert.True(name.Length <= 127, name);
        Assert.Matches("^bitlocker-x{63}-vol[0-9a-f]{8}-[0-9a-f]{8}$", name);
    }

    [Theory]
    [InlineData("1a2b3c4d", "1A2B3C4D", false)]
    [InlineData("{1A2B3C4D-5E6F-4A5B-8C7D-9E0F1A2B3C4D}", "1A2B3C4D", true)]
    [InlineData("1a2b3c4d-5e6f-4a5b-8c7d-9e0f1a2b3c4d", "1A2B3C4D", true)]
    public void Recovery_key_ids_are_the_screen_id_or_the_full_guid(string input, string prefix, bool full)
    {
        var (p, g) = BitLockerNames.ParseRecoveryKeyId(input, "RecoveryKeyId");
        Assert.Equal(prefix, p);
        Assert.Equal(full, g.HasValue);
    }

    [Theory]
    [InlineData("1A2B3C4")]
    [InlineData("1A2B3C4G")]
    [InlineData("")]
    public void Other_recovery_key_ids_are_refused(string input)
    {
        var ex = Assert.Throws<VaultException>(() => BitLockerNames.ParseRecoveryKeyId(input, "RecoveryKeyId"));
        Assert.Equal("InvalidRecoveryKeyId", ex.ErrorId);
        Assert.Equal("RecoveryKeyId", ex.ParameterName);
    }

    [Theory]
    [InlineData("c", "C:")]
    [InlineData("C:\\", "C:")]
    [InlineData("c:", "C:")]
    [InlineData("\\\\?\\Volume{abc}\\", "\\\\?\\VOLUME{ABC}")]
    public void Mount_points_compare_as_drive_letters_or_trimmed_paths(string input, string expected)
        => Assert.Equal(expected, BitLockerNames.NormalizeMountPoint(input));
}
