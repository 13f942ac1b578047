using System.Diagnostics;

namespace VaultTools.Emulator.Hosting;

/// <summary>--parent-pid: stops the emulator when that process exits (so an emulator started by PowerShell never outlives it).</summary>
public sealed partial class ParentProcessWatcher(EmulatorOptions options, IHostApplicationLifetime lifetime, ILogger<ParentProcessWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.ParentPid is not { } pid)
        {
            return;
        }
        DateTime? startTime = null;
        try
        {
            using var parent = Process.GetProcessById(pid);
            startTime = parent.StartTime;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            LogParentNotRunning(logger, pid);
            lifetime.StopApplication();
            return;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // no access to its start time: watch the pid alone
        }

        // Polling works for any process (a parent is not our child, so we cannot wait on it).
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            if (!IsAlive(pid, startTime))
            {
                LogParentExited(logger, pid);
                lifetime.StopApplication();
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Parent process {Pid} is not running; stopping.")]
    private static partial void LogParentNotRunning(ILogger logger, int pid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Parent process {Pid} exited; stopping the emulator.")]
    private static partial void LogParentExited(ILogger logger, int pid);

    private static bool IsAlive(int pid, DateTime? startTime)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            if (process.HasExited)
            {
                return false;
            }
            return startTime is null || process.StartTime == startTime; // pid reused by another process?
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return true;
        }
    }
}

/// <summary>Purges soft-deleted entries whose scheduled purge date has passed on the emulator's clock.</summary>
public sealed partial class ScheduledPurgeService(Storage.EmulatorDatabase database, ILogger<ScheduledPurgeService> logger) : ITimeDrivenWork
{
    public Task RunDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var purged = database.Write(s => s.PurgeExpired(now.ToUnixTimeSeconds()));
        if (purged > 0)
        {
            LogPurged(logger, purged);
        }
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} deleted entries past their scheduled purge date.")]
    private static partial void LogPurged(ILogger logger, int count);
}
