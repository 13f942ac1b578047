namespace VaultTools.Errors
{
    /// <summary>
    /// What went wrong, in the terms a caller acts on. The cmdlet layer maps each kind to a
    /// PowerShell ErrorCategory (see VaultCmdlet.ToErrorRecord); Core stays free of PowerShell.
    /// </summary>
    public enum VaultErrorKind
    {
        /// <summary>The service or emulator answered with something we did not expect.</summary>
        ServiceError = 0,
        /// <summary>Bad input, found before any request was sent.</summary>
        InvalidArgument,
        /// <summary>The entry (or vault) does not exist.</summary>
        NotFound,
        /// <summary>The caller is authenticated but not allowed (403).</summary>
        AccessDenied,
        /// <summary>No usable token (401, or the credential could not get one).</summary>
        AuthenticationFailed,
        /// <summary>429: too many requests, after the client's own retries.</summary>
        Throttled,
        /// <summary>409 and friends: the name is taken, deleted-but-recoverable, or being deleted.</summary>
        Conflict,
        /// <summary>The entry exists but the operation is not allowed on it now (disabled secret, operation not permitted on a key).</summary>
        OperationNotAllowed,
        /// <summary>The vault could not be reached (DNS, TLS, connection refused).</summary>
        ConnectionFailed,
        /// <summary>There is no connection: Connect-Vault has not been run and no vault was given.</summary>
        NotConnected,
        /// <summary>The service (or emulator) does not implement this operation (501).</summary>
        NotImplemented,
        /// <summary>The operation was cancelled (Ctrl+C, timeout).</summary>
        Cancelled,
    }
}
