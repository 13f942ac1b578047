using VaultTools.Emulator.Tests.Infrastructure;
using Xunit;

namespace VaultTools.Emulator.Tests;

/// <summary>
/// The emulator's command line (a public contract): --help, and bad command lines (part of the bad-input corpus:
/// each row is one case) refused with exit code 2 and a message naming the option, before anything starts.
/// </summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("-?")]
    public async Task Help_prints_every_option_and_exits_0(string help)
    {
        var (exitCode, output) = await EmulatorProcess.RunToExitWithOutputAsync(help);
        Assert.Equal(0, exitCode);
        foreach (var option in new[]
        {
            "--port", "--identity-port", "--data-dir", "--data-path", "--in-memory", "--config", "--parent-pid", "--fault-rate",
            "--fault-kinds", "--fault-retry-after", "--fault-seed", "--consistency-delay", "--clock-offset",
        })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string[], string> BadCommandLines => new()
    {
        { ["--bogus"], "'--bogus'" },
        { ["--port"], "--port" },
        { ["--port", "65536"], "--port must be an integer from 0 to 65535, not '65536'." },
        { ["--port", "x"], "--port must be an integer" },
        { ["--identity-port", "-1"], "--identity-port must be an integer" },
        { ["--parent-pid", "0"], "--parent-pid must be an integer from 1" },
        { ["--fault-rate", "1.5"], "--fault-rate must be a number from 0 to 1" },
        { ["--fault-kinds", "500"], "--fault-kinds: unknown kind '500'" },
        { ["--fault-kinds", ","], "--fault-kinds needs at least one kind." },
        { ["--fault-retry-after", "3601"], "--fault-retry-after must be an integer from 0 to 3600" },
        { ["--consistency-delay", "601"], "--consistency-delay must be a number of seconds from 0 to 600" },
        { ["--consistency-delay", "-1"], "--consistency-delay must be a number of seconds from 0 to 600" },
        { ["--consistency-delay", "soon"], "--consistency-delay must be a number of seconds from 0 to 600" },
        { ["--clock-offset", "P99999D"], "--clock-offset must be an ISO 8601 duration" },
        { ["--clock-offset", "soon"], "--clock-offset must be an ISO 8601 duration" },
        { ["--data-dir", ""], "--data-dir needs a folder" },
        { ["--data-dir", "a", "b"], "'b'" },
    };

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public async Task Bad_command_line_exits_2_naming_the_option(string[] args, string expected)
    {
        var (exitCode, stderr) = await EmulatorProcess.RunToExitAsync(args);
        Assert.Equal(2, exitCode);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.Contains("--help", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }
}
