using System.Net;
using Microsoft.Extensions.Options;
using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;

namespace StarSync.Web.Auth;

/// <summary>How a sign-in attempt ended.</summary>
public enum SignInOutcome
{
    SignedIn,
    /// <summary>Wrong email or password — the same answer for both.</summary>
    InvalidCredentials,
    /// <summary>Too many recent failures for this email (whether or not it has an account).</summary>
    LockedOut,
    /// <summary>Right password, but the account is blocked or deactivated.</summary>
    AccountNotActive,
}

/// <param name="Session">The new session, when signed in.</param>
/// <param name="RetryAfter">When a lockout ends.</param>
public sealed record SignInAttempt(SignInOutcome Outcome, Account? Account = null, ActiveSession? Session = null, DateTimeOffset? RetryAfter = null);

/// <summary>
/// Checks a password and starts the account's one session. "No such email" and "wrong password" give the same
/// answer after the same BCrypt work, and failures are counted per email whether or not an account has it.
/// </summary>
public sealed class SignInService(
    IAccountStore accounts,
    ISignInThrottle throttle,
    IAuditLog audit,
    PasswordHasher hasher,
    SessionValidation sessions,
    IOptions<AuthOptions> options)
{
    public async Task<SignInAttempt> SignInAsync(string email, string password, SessionClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(password);
        var key = ThrottleKey.ForEmail(email);
        var status = await throttle.CheckAsync(key, cancellationToken);
        if (status.IsLockedOut)
        {
            hasher.Verify(password, null); // same cost as a real attempt
            return new SignInAttempt(SignInOutcome.LockedOut, RetryAfter: status.LockedUntil);
        }

        var account = await accounts.FindByEmailAsync(email, cancellationToken);
        var hash = account?.PasswordHash;
        if (!hasher.Verify(password, hash) || account is null)
        {
            var after = await throttle.RecordFailureAsync(key, Policy, cancellationToken);
            await audit.AppendAsync(new NewAuditEntry("auth.sign-in-failed", "anonymous", account?.Id, $"from {client.CoarseIp}"), cancellationToken);
            return after.IsLockedOut
                ? new SignInAttempt(SignInOutcome.LockedOut, RetryAfter: after.LockedUntil)
                : new SignInAttempt(SignInOutcome.InvalidCredentials);
        }

        if (account.Status != AccountStatus.Active)
        {
            return new SignInAttempt(SignInOutcome.AccountNotActive, account);
        }

        var start = await accounts.StartSessionAsync(account.Id, client, hash, cancellationToken);
        if (!start.Started)
        {
            // The password changed or the account was blocked between the check and the start.
            return start.Status == SessionStartStatus.AccountNotActive
                ? new SignInAttempt(SignInOutcome.AccountNotActive, account)
                : new SignInAttempt(SignInOutcome.InvalidCredentials);
        }

        if (start.Replaced is { } replaced)
        {
            // This node cuts the old device off now; the change feed tells the others (and its circuits here).
            sessions.Revoke(replaced.Id);
        }

        await throttle.ResetAsync(key, cancellationToken);
        await audit.AppendAsync(new NewAuditEntry("auth.signed-in", account.Id, account.Id, $"{client.Device} from {client.CoarseIp}"), cancellationToken);
        return new SignInAttempt(SignInOutcome.SignedIn, account, start.Session);
    }

    private ThrottlePolicy Policy => new(options.Value.MaxFailures, options.Value.FailureWindow, options.Value.Lockout);

    /// <summary>The device and coarse address of a request, as a session records them.</summary>
    public static SessionClient ClientOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new SessionClient(
            ClientDescription.Device(context.Request.Headers.UserAgent.ToString()),
            ClientDescription.CoarseAddress(context.Connection.RemoteIpAddress ?? IPAddress.Loopback));
    }
}
