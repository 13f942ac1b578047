using System.Management.Automation;

namespace VaultTools.Commands
{
    /// <summary>
    /// ShouldProcess with -Force for what destroys (ConfirmImpact High): -WhatIf always wins and writes
    /// "What if"; an explicit -Confirm always asks; otherwise -Force skips the prompt.
    /// </summary>
    internal static class Confirmation
    {
        public static bool ShouldProcessOrForce(this PSCmdlet cmdlet, bool force, string target, string action)
        {
            if (force && !cmdlet.MyInvocation.BoundParameters.ContainsKey("Confirm") && !IsWhatIf(cmdlet))
            {
                cmdlet.WriteVerbose($"Performing the operation \"{action}\" on target \"{target}\" (-Force).");
                return true;
            }

            return cmdlet.ShouldProcess(target, action);
        }

        private static bool IsWhatIf(PSCmdlet cmdlet)
        {
            if (cmdlet.MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? value))
            {
                return value is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(value);
            }

            return LanguagePrimitives.IsTrue(cmdlet.SessionState.PSVariable.GetValue("WhatIfPreference"));
        }
    }

    /// <summary>Turns Core's <see cref="OperationProgress"/> reports into one progress bar per cmdlet call.</summary>
    internal sealed class ProgressWriter
    {
        private readonly Cmdlet _cmdlet;
        private readonly int _activityId;
        private readonly string _activity;
        private bool _shown;

        public ProgressWriter(Cmdlet cmdlet, int activityId, string activity)
        {
            _cmdlet = cmdlet;
            _activityId = activityId;
            _activity = activity;
        }

        public void Report(OperationProgress progress)
        {
            _shown = true;
            _cmdlet.WriteProgress(new ProgressRecord(_activityId, _activity, progress.Status)
            {
                PercentComplete = progress.PercentOfTimeout,
                SecondsRemaining = (int)(progress.Timeout - progress.Elapsed).TotalSeconds,
            });
        }

        public void Complete()
        {
            if (_shown)
            {
                _cmdlet.WriteProgress(new ProgressRecord(_activityId, _activity, "Done") { RecordType = ProgressRecordType.Completed });
                _shown = false;
            }
        }
    }
}
