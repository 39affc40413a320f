using Microsoft.Extensions.Options;
using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;
using StarSync.Web.Api;
using StarSync.Web.Auth;

namespace StarSync.Web.Accounts;

/// <summary>What a person can do to their own account: change or reset the password, delete it, take their data.</summary>
public sealed class AccountService(
    IAccountStore accounts,
    IBirthProfileStore birthProfiles,
    IRefreshTokenStore refreshTokens,
    ISingleUseTokenStore singleUseTokens,
    IAuditLog audit,
    PasswordHasher hasher,
    OpaqueTokens opaque,
    IEmailSender email,
    IOptions<AuthOptions> options,
    TimeProvider clock,
    Assets.AvatarService avatars,
    ILogger<AccountService> logger)
{
    /// <summary>
    /// Changes the password and rotates the session: every other device and token of the account is cut off, and the
    /// caller gets a new session for this device. Returns field errors, or the new session.
    /// </summary>
    public async Task<(Dictionary<string, string[]> Errors, Account? Account, ActiveSession? Session)> ChangePasswordAsync(
        string accountId, string? currentPassword, string? newPassword, SessionClient client, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        var account = await accounts.FindByIdAsync(accountId, cancellationToken);
        if (account is null || account.Status != AccountStatus.Active)
        {
            errors["currentPassword"] = ["This account cannot change its password."];
            return (errors, null, null);
        }

        if (string.IsNullOrEmpty(currentPassword) || !hasher.Verify(currentPassword, account.PasswordHash))
        {
            errors["currentPassword"] = ["The current password is not right."];
        }

        if (PasswordPolicy.Check(newPassword, account.Email) is { } problem)
        {
            errors["newPassword"] = [problem];
        }
        else if (currentPassword == newPassword)
        {
            errors["newPassword"] = ["Choose a password different from the current one."];
        }

        if (errors.Count > 0)
        {
            return (errors, null, null);
        }

        var hash = hasher.Hash(newPassword!);
        await accounts.SetPasswordHashAsync(accountId, hash, keepSessionId: null, cancellationToken);
        await refreshTokens.RevokeAccountAsync(accountId, cancellationToken);
        var start = await accounts.StartSessionAsync(accountId, client, hash, cancellationToken);
        await audit.AppendAsync(new NewAuditEntry("account.password-changed", accountId, accountId, "by the owner; other sessions ended"), cancellationToken);
        return (errors, account, start.Session);
    }

    /// <summary>
    /// Issues a single-use reset link valid for <see cref="AuthOptions.PasswordResetLifetime"/> and emails it when SMTP is
    /// configured. Returns the link (admins hand it over when there is no SMTP), or null when the email has no active
    /// account — which the caller must not reveal.
    /// </summary>
    public async Task<string?> IssuePasswordResetAsync(string emailAddress, string baseUrl, string actor, CancellationToken cancellationToken = default)
    {
        var account = await accounts.FindByEmailAsync(emailAddress, cancellationToken);
        return account is null || account.Status != AccountStatus.Active ? null : await IssuePasswordResetAsync(account, baseUrl, actor, cancellationToken);
    }

    public async Task<string> IssuePasswordResetAsync(Account account, string baseUrl, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        await singleUseTokens.RevokeOutstandingAsync(account.Id, TokenPurpose.PasswordReset, cancellationToken);
        var token = OpaqueTokens.NewToken();
        await singleUseTokens.IssueAsync(new NewSingleUseToken(opaque.Hash(token), TokenPurpose.PasswordReset, account.Id, clock.GetUtcNow() + options.Value.PasswordResetLifetime), cancellationToken);
        var link = $"{baseUrl.TrimEnd('/')}/reset-password/{token}";
        await audit.AppendAsync(new NewAuditEntry("account.password-reset-issued", actor, account.Id, email.CanSend ? "emailed" : "link handed out"), cancellationToken);
        if (email.CanSend)
        {
            try
            {
                await email.SendAsync(account.Email, "Reset your StarSync password",
                    $"Hello {account.Name},\n\nUse this link within {options.Value.PasswordResetLifetime.TotalMinutes:0} minutes to choose a new password:\n{link}\n\nIf you did not ask for this, ignore this email.",
                    cancellationToken);
            }
            catch (System.Net.Mail.SmtpException e)
            {
                logger.LogError(e, "Could not email the password reset link to account {AccountId}.", account.Id);
            }
        }

        return link;
    }

    /// <summary>Sets a new password from a reset link; the link works once. Ends every session of the account.</summary>
    public async Task<Dictionary<string, string[]>> ResetPasswordAsync(string token, string? newPassword, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (PasswordPolicy.Check(newPassword) is { } problem)
        {
            errors["password"] = [problem];
            return errors;
        }

        var consumption = await singleUseTokens.ConsumeAsync(opaque.Hash(token), TokenPurpose.PasswordReset, cancellationToken);
        if (!consumption.Consumed)
        {
            errors["token"] = [consumption.Status switch
            {
                SingleUseConsumptionStatus.AlreadyUsed => "This reset link was already used. Ask for a new one.",
                SingleUseConsumptionStatus.Expired => "This reset link has expired. Ask for a new one.",
                _ => "This reset link is not valid. Ask for a new one.",
            }];
            return errors;
        }

        var accountId = consumption.Token!.AccountId;
        await accounts.SetPasswordHashAsync(accountId, hasher.Hash(newPassword!), keepSessionId: null, cancellationToken);
        await refreshTokens.RevokeAccountAsync(accountId, cancellationToken);
        await audit.AppendAsync(new NewAuditEntry("account.password-reset", accountId, accountId, "with a reset link"), cancellationToken);
        return errors;
    }

    /// <summary>Deletes the account after checking its password: personal data scrubbed, a tombstone kept for the ledger.</summary>
    public async Task<bool> DeleteAsync(string accountId, string? password, CancellationToken cancellationToken = default)
    {
        var account = await accounts.FindByIdAsync(accountId, cancellationToken);
        if (account is null || string.IsNullOrEmpty(password) || !hasher.Verify(password, account.PasswordHash))
        {
            return false;
        }

        await birthProfiles.DeleteAllAsync(accountId, cancellationToken);
        await refreshTokens.RevokeAccountAsync(accountId, cancellationToken);
        await accounts.DeleteAsync(accountId, cancellationToken);
        if (account.Avatar is { } avatar)
        {
            await avatars.ForgetAsync(avatar);
        }

        await audit.AppendAsync(new NewAuditEntry("account.deleted", accountId, accountId, "by the owner"), cancellationToken);
        return true;
    }

    /// <summary>Everything StarSync keeps about the account, as one JSON-ready object.</summary>
    public async Task<AccountExport?> ExportAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var account = await accounts.FindByIdAsync(accountId, cancellationToken);
        if (account is null)
        {
            return null;
        }

        var profiles = await birthProfiles.ListAsync(accountId, cancellationToken);
        var activity = await audit.QueryAsync(new AuditQuery { AccountId = accountId, Take = 200 }, cancellationToken);
        await audit.AppendAsync(new NewAuditEntry("account.exported", accountId, accountId), cancellationToken);
        return new AccountExport(
            clock.GetUtcNow(),
            AuthEndpoints.ToMe(account),
            account.CreatedAt,
            account.TimeZone,
            account.ActiveSession is { } s ? new ExportedSession(s.StartedAt, s.Device, s.CoarseIp) : null,
            profiles,
            activity.Items.Select(a => new ExportedActivity(a.At, a.Kind, a.Detail)).ToList());
    }
}

public sealed record AccountExport(
    DateTimeOffset ExportedAt,
    MeResponse Account,
    DateTimeOffset CreatedAt,
    string TimeZone,
    ExportedSession? SignedIn,
    IReadOnlyList<BirthProfile> BirthProfiles,
    IReadOnlyList<ExportedActivity> Activity);

public sealed record ExportedSession(DateTimeOffset StartedAt, string Device, string From);

public sealed record ExportedActivity(DateTimeOffset At, string Kind, string? Detail);
