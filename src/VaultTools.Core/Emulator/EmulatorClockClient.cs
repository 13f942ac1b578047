using System;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Xml;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using VaultTools.Connection;
using VaultTools.Errors;

namespace VaultTools.Emulator
{
    /// <summary>
    /// Reads and moves a running emulator's clock through its test endpoint (<c>GET/POST /.emulator/clock</c>,
    /// HTTPS, no authentication). Moving it makes time pass at once for the vault's data: expiry, purge dates,
    /// rotation policies, certificate lifetime actions, and the tokens the emulator issued.
    /// </summary>
    public static class EmulatorClockClient
    {
        /// <summary>The emulator's own bound on its offset (36500 days either way).</summary>
        public static readonly TimeSpan MaxOffset = TimeSpan.FromDays(36500);

        public static VaultEmulatorClock Get(VaultEmulator emulator, CancellationToken cancellationToken = default)
            => Send(emulator, RequestMethod.Get, null, cancellationToken);

        /// <summary>Moves the clock forward by <paramref name="by"/> (not negative).</summary>
        public static VaultEmulatorClock Advance(VaultEmulator emulator, TimeSpan by, CancellationToken cancellationToken = default)
        {
            if (by < TimeSpan.Zero || by > MaxOffset)
            {
                throw VaultException.InvalidArgument("InvalidClockAdvance", "Advance",
                    $"-Advance must be a positive duration of at most {MaxOffset.TotalDays.ToString(CultureInfo.InvariantCulture)} days (the clock moves back only with -Offset); got {by}.", by);
            }

            return Send(emulator, RequestMethod.Post, "{\"advanceBy\":\"" + XmlConvert.ToString(by) + "\"}", cancellationToken);
        }

        /// <summary>Sets the clock to the system's time plus <paramref name="offset"/> (may be negative or zero).</summary>
        public static VaultEmulatorClock SetOffset(VaultEmulator emulator, TimeSpan offset, CancellationToken cancellationToken = default)
        {
            if (offset.Duration() > MaxOffset)
            {
                throw VaultException.InvalidArgument("InvalidClockOffset", "Offset",
                    $"-Offset must be within {MaxOffset.TotalDays.ToString(CultureInfo.InvariantCulture)} days either way; got {offset}.", offset);
            }

            return Send(emulator, RequestMethod.Post, "{\"offset\":\"" + XmlConvert.ToString(offset) + "\"}", cancellationToken);
        }

        /// <summary>
        /// After the clock moved, the tokens the session holds may have expired on the emulator's clock while the
        /// client's own clock says they are fresh: a session connected to this emulator is opened again with the
        /// same sign-in, so that its next call gets a new token. True if the session was renewed.
        /// </summary>
        public static bool RenewSessionFor(VaultEmulator emulator)
        {
            var current = VaultSession.Current;
            if (current?.Emulator is null || current.Emulator.ProcessId != emulator.ProcessId)
            {
                return false;
            }

            VaultSession.Set(VaultConnection.Open(current.Request));
            return true;
        }

        private static VaultEmulatorClock Send(VaultEmulator emulator, RequestMethod method, string? body, CancellationToken cancellationToken)
        {
            var uri = new Uri(emulator.VaultUri, "/.emulator/clock");
            var options = new ClockClientOptions { Transport = EmulatorTrust.CreateTransport(EmulatorTrust.LoadCaCertificate(emulator.CaCertificatePath)) };
            options.Retry.MaxRetries = 1;
            var pipeline = HttpPipelineBuilder.Build(options);
            try
            {
                using var message = pipeline.CreateMessage();
                message.Request.Method = method;
                message.Request.Uri.Reset(uri);
                if (body != null)
                {
                    message.Request.Headers.Add("Content-Type", "application/json");
                    message.Request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(body));
                }

                pipeline.Send(message, cancellationToken);
                var response = message.Response;
                using var doc = JsonDocument.Parse(response.Content.ToMemory());
                if (response.Status != 200)
                {
                    string? text = doc.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("message", out var m) ? m.GetString() : null;
                    throw new VaultException(VaultErrorKind.InvalidArgument, "EmulatorClockRefused",
                        $"The emulator refused to move its clock ({response.Status}): {text}", null, uri.ToString())
                    {
                        Status = response.Status,
                    };
                }

                return new VaultEmulatorClock
                {
                    Now = DateTimeOffset.Parse(doc.RootElement.GetProperty("now").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                    Offset = XmlConvert.ToTimeSpan(doc.RootElement.GetProperty("offset").GetString()!),
                    ProcessId = emulator.ProcessId,
                    VaultUri = emulator.VaultUri,
                };
            }
            catch (Exception ex) when (ex is RequestFailedException || ex is AggregateException || ex is System.Net.Http.HttpRequestException || ex is System.IO.IOException)
            {
                throw new VaultException(VaultErrorKind.ConnectionFailed, "EmulatorUnreachable",
                    $"The emulator at {emulator.VaultUri} did not answer ({(ex is AggregateException a ? a.InnerExceptions[a.InnerExceptions.Count - 1] : ex).Message}). Is it still running?", ex, emulator.VaultUri.ToString());
            }
            catch (Exception ex) when (ex is JsonException || ex is FormatException || ex is InvalidOperationException || ex is System.Collections.Generic.KeyNotFoundException)
            {
                throw new VaultException(VaultErrorKind.ServiceError, "EmulatorClockUnsupported",
                    $"The emulator at {emulator.VaultUri} did not answer /.emulator/clock as expected: it may be an older emulator without a movable clock.", ex, emulator.VaultUri.ToString());
            }
        }

        private sealed class ClockClientOptions : ClientOptions
        {
        }
    }
}
