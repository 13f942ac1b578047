using System;

namespace VaultTools.Errors
{
    /// <summary>
    /// The one exception type Core throws for an expected failure. <see cref="ErrorId"/> is stable
    /// (scripts match on it); <see cref="Kind"/> says what sort of failure it is. The original
    /// exception (for example Azure's RequestFailedException) is kept as InnerException.
    /// Messages never contain a secret value: they are built from names, ids and service error codes only.
    /// </summary>
    public class VaultException : Exception
    {
        public VaultException(VaultErrorKind kind, string errorId, string message, Exception? inner = null, string? target = null)
            : base(message, inner)
        {
            Kind = kind;
            ErrorId = errorId;
            Target = target;
        }

        public VaultErrorKind Kind { get; }

        /// <summary>Stable identifier, e.g. VaultSecretNotFound, VaultAccessDenied, InvalidSecretName.</summary>
        public string ErrorId { get; }

        /// <summary>What the error is about: an entry id, a name or a vault URI. Never a value.</summary>
        public string? Target { get; }

        /// <summary>HTTP status of the response that caused it, when there was one.</summary>
        public int? Status { get; set; }

        /// <summary>The service's error code (error.code / innererror.code), e.g. SecretNotFound, ForbiddenByRbac.</summary>
        public string? ServiceErrorCode { get; set; }

        /// <summary>For a bad argument: the PowerShell parameter it came from (without the dash).</summary>
        public string? ParameterName { get; set; }

        /// <summary>A hint of what to do next, shown as the error's recommended action.</summary>
        public string? RecommendedAction { get; set; }

        public static VaultException InvalidArgument(string errorId, string parameterName, string message, object? target = null)
            => new VaultException(VaultErrorKind.InvalidArgument, errorId, message, null, target?.ToString())
            {
                ParameterName = parameterName,
            };
    }
}
