using Microsoft.Extensions.Options;
using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;
using StarSync.Web.Accounts;
using StarSync.Web.Auth;

namespace StarSync.Web.Admin;

/// <summary>An invitation link as handed to the admin: shown once, stored only as a hash.</summary>
public sealed record InvitationLink(string Url, DateTimeOffset ExpiresAt, bool Emailed);

/// <summary>
/// Invitations: single-use links (purpose <see cref="TokenPurpose.Invitation"/>, valid for
/// <see cref="AdminOptions.InvitationLifetime"/>) with which an invited astrologer sets a password at <c>/invite/{token}</c>.
/// </summary>
public sealed class Invitations(
    IAccountStore accounts,
    ISingleUseTokenStore tokens,
    IRefreshTokenStore refreshTokens,
    IAuditLog audit,
    PasswordHasher hasher,
    OpaqueTokens opaque,
    IEmailSender email,
    IOptions<AdminOptions> options,
    TimeProvider clock,
    IConfiguration configuration,
    ILogger<Invitations> logger)
{
    /// <summary>The invitation lifetime in force.</summary>
    public TimeSpan Lifetime => options.Value.InvitationLifetime;

    /// <summary>Replaces any outstanding invitation of the account with a new one and emails it when SMTP is configured.</summary>
    public async Task<InvitationLink> IssueAsync(Account account, string baseUrl, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        await tokens.RevokeOutstandingAsync(account.Id, TokenPurpose.Invitation, cancellationToken);
        var token = OpaqueTokens.NewToken();
        var expires = clock.GetUtcNow() + Lifetime;
        await tokens.IssueAsync(new NewSingleUseToken(opaque.Hash(token), TokenPurpose.Invitation, account.Id, expires), cancellationToken);
        // The public address when one is configured: the admin may be on an internal one.
        var root = configuration["STARSYNC_PUBLIC_URL"] is { Length: > 0 } publicUrl ? publicUrl : baseUrl;
        var url = $"{root.TrimEnd('/')}/invite/{token}";
        var emailed = false;
        if (email.CanSend)
        {
            try
            {
                await email.SendAsync(account.Email, "Your StarSync astrologer account",
                    $"Hello {account.Name},\n\nStarSync has created an astrologer account for you. Choose your password within {Lifetime.TotalHours:0} hours with this link:\n{url}\n\nThe link works once.",
                    cancellationToken);
                emailed = true;
            }
            catch (System.Net.Mail.SmtpException e)
            {
                logger.LogError(e, "Could not email the invitation to account {AccountId}.", account.Id);
            }
        }

        await audit.AppendAsync(new NewAuditEntry("account.invitation-issued", actor, account.Id, emailed ? "emailed" : "link handed out"), cancellationToken);
        return new InvitationLink(url, expires, emailed);
    }

    /// <summary>Sets the password from an invitation link; the link works once. Field errors keyed "token" or "password".</summary>
    public async Task<Dictionary<string, string[]>> AcceptAsync(string? token, string? password, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(token))
        {
            errors["token"] = ["This invitation link is not valid. Ask the StarSync team for a new one."];
            return errors;
        }

        if (PasswordPolicy.Check(password) is { } problem)
        {
            errors["password"] = [problem];
            return errors;
        }

        var consumption = await tokens.ConsumeAsync(opaque.Hash(token), TokenPurpose.Invitation, cancellationToken);
        if (!consumption.Consumed)
        {
            errors["token"] = [consumption.Status switch
            {
                SingleUseConsumptionStatus.AlreadyUsed => "This invitation link was already used. Sign in with the password you chose, or ask the StarSync team for a new link.",
                SingleUseConsumptionStatus.Expired => "This invitation link has expired. Ask the StarSync team for a new one.",
                _ => "This invitation link is not valid. Ask the StarSync team for a new one.",
            }];
            return errors;
        }

        var accountId = consumption.Token!.AccountId;
        if (!await accounts.SetPasswordHashAsync(accountId, hasher.Hash(password!), keepSessionId: null, cancellationToken))
        {
            errors["token"] = ["This account no longer exists."];
            return errors;
        }

        await refreshTokens.RevokeAccountAsync(accountId, cancellationToken);
        await audit.AppendAsync(new NewAuditEntry("account.invitation-accepted", accountId, accountId, "password set"), cancellationToken);
        return errors;
    }
}
