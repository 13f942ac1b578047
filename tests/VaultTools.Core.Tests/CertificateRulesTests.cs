using Azure;
using VaultTools.Certificates;
using VaultTools.Errors;
using VaultTools.Internal;
using VaultTools.Validation;
using Xunit;

namespace VaultTools.Core.Tests;

public class CertificateRulesTests
{
    [Fact]
    public void A_policy_is_normalised_to_the_service_spelling_without_changing_the_input()
    {
        var input = new VaultCertificatePolicy { SubjectName = "CN=web", CurveName = "p-521", ContentType = "application/x-pem-file", KeyUsage = new[] { "DIGITALSIGNATURE" } };
        var p = CertificateRules.CheckPolicy(input);
        Assert.Equal("EC", p.KeyType);
        Assert.Equal("P-521", p.CurveName);
        Assert.Equal("Pem", p.ContentType);
        Assert.Equal(new[] { "digitalSignature" }, p.KeyUsage);
        Assert.Null(input.KeyType);
        Assert.Equal("p-521", input.CurveName);
        Assert.Equal(new[] { "DIGITALSIGNATURE" }, input.KeyUsage);
    }

    [Theory]
    [InlineData("RSA", 2048, null, true)]
    [InlineData("RSA", 4096, null, true)]
    [InlineData("RSA-HSM", 3072, null, true)]
    [InlineData("RSA", 1024, null, false)]
    [InlineData("RSA", 2047, null, false)]
    [InlineData("RSA", null, "P-256", false)]
    [InlineData("EC", null, "P-256K", true)]
    [InlineData("EC", 384, "P-384", true)]
    [InlineData("EC", 256, "P-384", false)]
    [InlineData("EC-HSM", null, "secp256r1", false)]
    public void Key_sizes_and_curves_follow_Key_Vault(string keyType, int? keySize, string? curve, bool valid)
    {
        var policy = new VaultCertificatePolicy { SubjectName = "CN=k", KeyType = keyType, KeySize = keySize, CurveName = curve };
        if (valid)
        {
            CertificateRules.CheckPolicy(policy);
        }
        else
        {
            var ex = Assert.Throws<VaultException>(() => CertificateRules.CheckPolicy(policy));
            Assert.Contains(ex.ParameterName, new[] { "KeySize", "CurveName" });
        }
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(1200, true)]
    [InlineData(0, false)]
    [InlineData(1201, false)]
    public void Validity_is_1_to_1200_months(int months, bool valid)
    {
        var policy = new VaultCertificatePolicy { SubjectName = "CN=v", ValidityInMonths = months };
        if (valid)
        {
            CertificateRules.CheckPolicy(policy);
        }
        else
        {
            Assert.Equal("ValidityInMonths", Assert.Throws<VaultException>(() => CertificateRules.CheckPolicy(policy)).ParameterName);
        }
    }

    [Fact]
    public void Days_before_expiry_may_be_at_most_validity_times_27_and_triggers_are_exclusive()
    {
        CertificateRules.CheckPolicy(new VaultCertificatePolicy { SubjectName = "CN=d", ValidityInMonths = 36, RenewAtDaysBeforeExpiry = 972 });
        Assert.Equal("InvalidDaysBeforeExpiry", Assert.Throws<VaultException>(() => CertificateRules.CheckPolicy(new VaultCertificatePolicy { SubjectName = "CN=d", ValidityInMonths = 36, RenewAtDaysBeforeExpiry = 973 })).ErrorId);
        Assert.Equal("InvalidDaysBeforeExpiry", Assert.Throws<VaultException>(() => CertificateRules.CheckPolicy(new VaultCertificatePolicy { SubjectName = "CN=d", EmailAtDaysBeforeExpiry = 0 })).ErrorId);
        var both = Assert.Throws<VaultException>(() => CertificateRules.CheckPolicy(new VaultCertificatePolicy { SubjectName = "CN=d", RenewAtDaysBeforeExpiry = 30, RenewAtPercentageLifetime = 80 }));
        Assert.Equal("ConflictingLifetimeTrigger", both.ErrorId);
    }

    [Fact]
    public void A_policy_needs_a_subject_or_a_name_and_wildcard_dns_names_are_fine()
    {
        Assert.Equal("PolicyNeedsSubject", Assert.Throws<VaultException>(() => CertificateRules.CheckPolicy(new VaultCertificatePolicy())).ErrorId);
        CertificateRules.CheckPolicy(new VaultCertificatePolicy { DnsNames = new[] { "*.contoso.com", "contoso.com" } });
        CertificateRules.CheckPolicy(new VaultCertificatePolicy { SubjectName = "CN=www.contoso.com, O=Contoso, C=NL" });
        Assert.Equal("InvalidDnsName", Assert.Throws<VaultException>(() => CertificateRules.CheckPolicy(new VaultCertificatePolicy { DnsNames = new[] { "a..b" } })).ErrorId);
    }

    [Theory]
    [InlineData("out.pfx", CertificateFileFormat.Pfx)]
    [InlineData("out.p12", CertificateFileFormat.Pfx)]
    [InlineData("out.PEM", CertificateFileFormat.Pem)]
    [InlineData("out.cer", CertificateFileFormat.Cer)]
    [InlineData("out.crt", CertificateFileFormat.Cer)]
    [InlineData("noextension", CertificateFileFormat.Pfx)]
    public void The_export_format_follows_the_file_extension(string file, CertificateFileFormat expected)
        => Assert.Equal(expected, CertificateFiles.FormatFromPath(file));

    [Fact]
    public void Subject_alternative_names_are_read_from_the_certificate()
    {
        using var cert = TestCertificates.Create("CN=san", "www.contoso.com", "api.contoso.com");
        Assert.Equal(new[] { "www.contoso.com", "api.contoso.com" }, CertificateService.SubjectAlternativeNames(cert));
        using var none = TestCertificates.Create("CN=nosan");
        Assert.Empty(CertificateService.SubjectAlternativeNames(none));
    }

    [Fact]
    public void Polling_honours_Retry_After_within_the_maximum_pause()
    {
        var settings = new PollSettings { Interval = TimeSpan.FromSeconds(2), MaxInterval = TimeSpan.FromSeconds(10) };
        Assert.Equal(TimeSpan.FromSeconds(2), Polling.NextDelay(null, settings));
        Assert.Equal(TimeSpan.FromSeconds(5), Polling.NextDelay(WithRetryAfter("5"), settings));
        Assert.Equal(TimeSpan.FromSeconds(10), Polling.NextDelay(WithRetryAfter("60"), settings));
        Assert.Equal(TimeSpan.FromSeconds(2), Polling.NextDelay(WithRetryAfter("soon"), settings));
    }

    [Fact]
    public void Atomic_writes_leave_no_temporary_file_and_report_a_missing_folder()
    {
        string folder = Directory.CreateTempSubdirectory("vt-atomic").FullName;
        try
        {
            string path = Path.Combine(folder, "a.bin");
            AtomicFile.Write(path, new byte[] { 1, 2, 3 }, overwrite: false, privateFile: true, "OutputFile");
            Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
            Assert.Equal("OutputFileExists", Assert.Throws<VaultException>(() => AtomicFile.Write(path, new byte[] { 9 }, false, false, "OutputFile")).ErrorId);
            AtomicFile.Write(path, new byte[] { 4 }, overwrite: true, privateFile: false, "OutputFile");
            Assert.Equal(new byte[] { 4 }, File.ReadAllBytes(path));
            Assert.Single(Directory.GetFiles(folder));
            Assert.Equal("OutputFolderNotFound", Assert.Throws<VaultException>(() => AtomicFile.CheckTarget(Path.Combine(folder, "no", "x.bin"), false, "OutputFile")).ErrorId);
            Assert.Equal("OutputPathIsFolder", Assert.Throws<VaultException>(() => AtomicFile.CheckTarget(folder, true, "OutputFile")).ErrorId);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    private static Response WithRetryAfter(string value)
    {
        var transport = new Recorded.RecordedTransport();
        var message = new Azure.Core.HttpMessage(transport.CreateRequest(), new Azure.Core.ResponseClassifier());
        message.Request.Method = Azure.Core.RequestMethod.Get;
        message.Request.Uri.Reset(new Uri("https://v.vault.azure.net/x"));
        message.Request.Headers.Add("Authorization", "Bearer t");
        transport.Serve("GET", "/x", 202, "", new Dictionary<string, string> { ["Retry-After"] = value });
        transport.Process(message);
        return message.Response;
    }
}
