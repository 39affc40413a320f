using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;
using StarSync.Web.Auth;

namespace StarSync.Web.Accounts;

/// <summary>
/// Makes sure someone can run the platform: <c>STARSYNC_ADMIN_EMAIL</c> and <c>STARSYNC_ADMIN_PASSWORD</c> create or
/// update the first admin at start-up; without them, while no admin exists, a one-time set-up link is printed.
/// </summary>
public sealed class FirstAdmin(
    IAccountStore accounts,
    ISingleUseTokenStore singleUseTokens,
    IAuditLog audit,
    PasswordHasher hasher,
    OpaqueTokens opaque,
    TimeProvider clock,
    ILogger<FirstAdmin> logger)
{
    /// <summary>The single-use tokens of the set-up link belong to this placeholder, not to an account.</summary>
    public const string SetupAccountId = "first-admin-setup";

    public static readonly TimeSpan SetupLinkLifetime = TimeSpan.FromHours(72);

    /// <summary>Creates or updates the configured admin, or returns the set-up link it printed (null when none is needed).</summary>
    public async Task<string?> EnsureAsync(IConfiguration configuration, string baseUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var email = configuration["STARSYNC_ADMIN_EMAIL"];
        var password = configuration["STARSYNC_ADMIN_PASSWORD"];
        if (!string.IsNullOrWhiteSpace(email) && !string.IsNullOrEmpty(password))
        {
            if (PasswordPolicy.Check(password, email) is { } problem)
            {
                throw new InvalidOperationException($"STARSYNC_ADMIN_PASSWORD is not acceptable: {problem}");
            }

            var existing = await accounts.FindByEmailAsync(email, cancellationToken);
            if (existing is null)
            {
                var created = await accounts.CreateAsync(new NewAccount { Email = email, Name = "Administrator", Role = AccountRole.Admin, PasswordHash = hasher.Hash(password) }, cancellationToken);
                await audit.AppendAsync(new NewAuditEntry("admin.bootstrapped", "system", created.Account?.Id, "from STARSYNC_ADMIN_EMAIL"), cancellationToken);
                logger.LogInformation("First admin {Email} created from STARSYNC_ADMIN_EMAIL.", email);
            }
            else if (existing.Role != AccountRole.Admin)
            {
                throw new InvalidOperationException($"STARSYNC_ADMIN_EMAIL names {email}, which is a {existing.Role} account, not an admin.");
            }
            else if (!hasher.Verify(password, existing.PasswordHash))
            {
                await accounts.SetPasswordHashAsync(existing.Id, hasher.Hash(password), null, cancellationToken);
                await audit.AppendAsync(new NewAuditEntry("admin.password-set", "system", existing.Id, "from STARSYNC_ADMIN_PASSWORD"), cancellationToken);
                logger.LogInformation("Admin {Email}: password updated from STARSYNC_ADMIN_PASSWORD.", email);
            }

            return null;
        }

        var admins = await accounts.ListAsync(new AccountQuery { Role = AccountRole.Admin, Take = 1 }, cancellationToken);
        if (admins.Items.Count > 0)
        {
            return null;
        }

        await singleUseTokens.RevokeOutstandingAsync(SetupAccountId, TokenPurpose.Invitation, cancellationToken);
        var token = OpaqueTokens.NewToken();
        await singleUseTokens.IssueAsync(new NewSingleUseToken(opaque.Hash(token), TokenPurpose.Invitation, SetupAccountId, clock.GetUtcNow() + SetupLinkLifetime), cancellationToken);
        var link = $"{baseUrl.TrimEnd('/')}/setup/{token}";
        logger.LogWarning("No admin account exists yet. Create the first one within 72 hours at: {Link}", link);
        return link;
    }

    /// <summary>Creates the first admin from the set-up link's form. Field errors, or none when the admin exists now.</summary>
    public async Task<(Dictionary<string, string[]> Errors, Account? Admin)> CompleteSetupAsync(string token, string? name, string? email, string? password, CancellationToken cancellationToken = default)
    {
        var errors = Api.AuthEndpoints.RegistrationErrors(name, email, password);
        if (errors.Count > 0)
        {
            return (errors, null);
        }

        // Checked before the link is spent, so a typo in the email does not burn it.
        if (await accounts.FindByEmailAsync(email!, cancellationToken) is not null)
        {
            errors["email"] = ["An account with this email already exists."];
            return (errors, null);
        }

        var consumption = await singleUseTokens.ConsumeAsync(opaque.Hash(token), TokenPurpose.Invitation, cancellationToken);
        if (!consumption.Consumed || consumption.Token!.AccountId != SetupAccountId)
        {
            errors["token"] = ["This set-up link is no longer valid. Restart the app to print a new one."];
            return (errors, null);
        }

        var created = await accounts.CreateAsync(new NewAccount { Email = email!, Name = name!.Trim(), Role = AccountRole.Admin, PasswordHash = hasher.Hash(password!) }, cancellationToken);
        if (!created.Created)
        {
            errors["email"] = ["An account with this email already exists."];
            return (errors, null);
        }

        await audit.AppendAsync(new NewAuditEntry("admin.bootstrapped", created.Account.Id, created.Account.Id, "from the set-up link"), cancellationToken);
        return (errors, created.Account);
    }
}
