using System.Globalization;
using StarSync.Engine.Accounts;
using StarSync.Engine.Astrologers;
using StarSync.Engine.Storage;
using StarSync.Web.Api;
using StarSync.Web.Assets;

namespace StarSync.Web.Admin;

/// <summary>What an admin types to onboard or edit an astrologer. Rates in paise per minute.</summary>
public sealed record AstrologerInput
{
    public string? Name { get; init; }

    /// <summary>Sign-in email; only read when creating.</summary>
    public string? Email { get; init; }

    public IReadOnlyList<string>? Languages { get; init; }

    public IReadOnlyList<string>? Expertise { get; init; }

    public int YearsOfExperience { get; init; }

    public string? Bio { get; init; }

    public long MinRatePerMinute { get; init; }

    public long MaxRatePerMinute { get; init; }

    /// <summary>The rate charged now; the lowest allowed when omitted.</summary>
    public long? RatePerMinute { get; init; }
}

/// <summary>An astrologer as admins see them: the account's email and state beside the profile.</summary>
public sealed record AstrologerView(
    string Id,
    string Email,
    AccountStatus Status,
    bool PasswordSet,
    bool SignedIn,
    AstrologerDetails Details,
    string? PhotoUrl,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>The result of an admin action: field errors, or the value (null value and no errors: not found).</summary>
public sealed record AdminOutcome<T>(Dictionary<string, string[]> Errors, T? Value)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>Ways to make an <see cref="AdminOutcome{T}"/>.</summary>
public static class AdminOutcome
{
    public static AdminOutcome<T> Found<T>(T value) => new([], value);

    public static AdminOutcome<T> NotFound<T>() => new([], default);

    public static AdminOutcome<T> Invalid<T>(string field, string message) => new(new() { [field] = [message] }, default);
}

/// <summary>An onboarded astrologer and the one-time invitation link.</summary>
public sealed record OnboardedAstrologer(AstrologerView Astrologer, InvitationLink Invitation);

/// <summary>
/// Onboarding and removal of astrologers: the account (role astrologer, no password until the invitation is used),
/// the profile and photo, invitations, deactivation through the kill switch, and deletion that keeps a tombstone.
/// Every action is audited with the acting admin.
/// </summary>
public sealed class AstrologerAdmin(
    IAccountStore accounts,
    IAstrologerProfileStore profiles,
    IRefreshTokenStore refreshTokens,
    ISingleUseTokenStore singleUseTokens,
    IAuditLog audit,
    Invitations invitations,
    PlatformSettingsService settings,
    ProfileImageProcessor images,
    IAssetStore assets,
    Auth.PasswordHasher hasher,
    Consultations.ConsultationService consultations,
    ILogger<AstrologerAdmin> logger)
{
    public async Task<Page<AstrologerView>> ListAsync(AstrologerQuery query, CancellationToken cancellationToken = default)
    {
        var page = await profiles.ListAsync(query, cancellationToken);
        var views = new List<AstrologerView>(page.Items.Count);
        foreach (var profile in page.Items)
        {
            views.Add(View(profile, await accounts.FindByIdAsync(profile.AccountId, cancellationToken)));
        }

        return new Page<AstrologerView>(views, page.Total, page.Skip, page.Take);
    }

    public async Task<AstrologerView?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        var profile = await profiles.FindAsync(id, cancellationToken);
        return profile is null ? null : View(profile, await accounts.FindByIdAsync(id, cancellationToken));
    }

    /// <summary>Creates the account and profile and issues the invitation.</summary>
    public async Task<AdminOutcome<OnboardedAstrologer>> CreateAsync(AstrologerInput input, string actor, string baseUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (errors, details) = Check(input);
        if (!AuthEndpoints.IsEmail(input.Email))
        {
            errors["email"] = ["Enter an email address such as name@example.com."];
        }

        if (errors.Count > 0)
        {
            return new(errors, null);
        }

        var created = await accounts.CreateAsync(new NewAccount { Email = input.Email!, Name = details!.DisplayName, Role = AccountRole.Astrologer }, cancellationToken);
        if (!created.Created)
        {
            return AdminOutcome.Invalid<OnboardedAstrologer>("email", "An account with this email already exists.");
        }

        var account = created.Account;
        var profile = await profiles.CreateAsync(account.Id, details, cancellationToken)
            ?? throw new InvalidOperationException($"A profile for the new account {account.Id} already exists.");
        await audit.AppendAsync(new NewAuditEntry("astrologer.created", actor, account.Id, $"{details.DisplayName}; {Rates(details)}"), cancellationToken);
        var link = await invitations.IssueAsync(account, baseUrl, actor, cancellationToken);
        return AdminOutcome.Found<OnboardedAstrologer>(new OnboardedAstrologer(View(profile, account), link));
    }

    /// <summary>Replaces the profile's details (and the account's display name).</summary>
    public async Task<AdminOutcome<AstrologerView>> UpdateAsync(string id, AstrologerInput input, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var before = await profiles.FindAsync(id, cancellationToken);
        if (before is null || before.Status == AccountStatus.Deleted)
        {
            return AdminOutcome.NotFound<AstrologerView>();
        }

        var (errors, details) = Check(input with { RatePerMinute = input.RatePerMinute ?? before.Details.RatePerMinute });
        if (errors.Count > 0)
        {
            return new(errors, null);
        }

        await profiles.UpdateAsync(id, details!, cancellationToken);
        await accounts.UpdateNameAsync(id, details!.DisplayName, cancellationToken);
        await audit.AppendAsync(new NewAuditEntry("astrologer.updated", actor, id, Changes(before.Details, details)), cancellationToken);
        return AdminOutcome.Found<AstrologerView>((await FindAsync(id, cancellationToken))!);
    }

    /// <summary>Processes and stores a photo, deleting the one it replaces.</summary>
    /// <exception cref="ImageRejectedException">The upload is not an acceptable picture.</exception>
    public async Task<AstrologerView?> SetPhotoAsync(string id, Stream upload, string actor, CancellationToken cancellationToken = default)
    {
        var profile = await profiles.FindAsync(id, cancellationToken);
        if (profile is null || profile.Status == AccountStatus.Deleted)
        {
            return null;
        }

        var image = await images.ProcessAsync(upload, cancellationToken);
        var stored = await assets.SaveAsync(AssetFolder.Astrologers, image, cancellationToken);
        var change = await profiles.SetPhotoAsync(id, new AccountAvatar(stored.Url, stored.Key), cancellationToken);
        if (!change.Changed)
        {
            await ForgetAsync(stored.Key);
            return null;
        }

        if (change.Replaced is { } old)
        {
            await ForgetAsync(old.Key);
        }

        await audit.AppendAsync(new NewAuditEntry("astrologer.photo-set", actor, id), cancellationToken);
        return await FindAsync(id, cancellationToken);
    }

    /// <summary>A new invitation; the old password and every session stop working at once.</summary>
    public async Task<InvitationLink?> ResetPasswordAsync(string id, string actor, string baseUrl, CancellationToken cancellationToken = default)
    {
        var account = await accounts.FindByIdAsync(id, cancellationToken);
        if (account is not { Role: AccountRole.Astrologer } || account.Status == AccountStatus.Deleted)
        {
            return null;
        }

        // A hash of a secret nobody holds: the old password stops working and the session ends (announced as a password change).
        await accounts.SetPasswordHashAsync(id, hasher.Hash(Auth.OpaqueTokens.NewToken()), keepSessionId: null, cancellationToken);
        await refreshTokens.RevokeAccountAsync(id, cancellationToken);
        await singleUseTokens.RevokeOutstandingAsync(id, TokenPurpose.PasswordReset, cancellationToken);
        await audit.AppendAsync(new NewAuditEntry("astrologer.password-reset", actor, id, "password cleared, sessions ended, new invitation"), cancellationToken);
        return await invitations.IssueAsync(account, baseUrl, actor, cancellationToken);
    }

    /// <summary>Deactivates (hidden from the directory, signed out at once, cannot sign in) or reactivates.</summary>
    public async Task<AstrologerView?> SetActiveAsync(string id, bool active, string actor, CancellationToken cancellationToken = default)
    {
        var account = await accounts.FindByIdAsync(id, cancellationToken);
        if (account is not { Role: AccountRole.Astrologer } || account.Status == AccountStatus.Deleted)
        {
            return null;
        }

        var status = active ? AccountStatus.Active : AccountStatus.Deactivated;
        await accounts.SetStatusAsync(id, status, cancellationToken);
        await profiles.SetStatusAsync(id, status, cancellationToken);
        var ended = 0;
        if (!active)
        {
            await refreshTokens.RevokeAccountAsync(id, cancellationToken);
            // A live consultation ends now and is settled minute by minute as billed; waiting requests are declined.
            ended = await consultations.EndForAstrologerAsync(id, cancellationToken);
        }

        await audit.AppendAsync(new NewAuditEntry(active ? "astrologer.reactivated" : "astrologer.deactivated", actor, id,
            active ? "listed again; may sign in" : $"hidden from the directory; sessions ended; {ended} live consultation(s) ended; unpaid earnings stay payable"), cancellationToken);
        return await FindAsync(id, cancellationToken);
    }

    /// <summary>
    /// Deletes: the account becomes a tombstone and the profile keeps only an anonymised name, so the ledger, reviews and
    /// consultations that point at the id stay whole. False when there is no such (live) astrologer.
    /// </summary>
    public async Task<bool> DeleteAsync(string id, string actor, CancellationToken cancellationToken = default)
    {
        var account = await accounts.FindByIdAsync(id, cancellationToken);
        if (account is not { Role: AccountRole.Astrologer } || account.Status == AccountStatus.Deleted)
        {
            return false;
        }

        await accounts.DeleteAsync(id, cancellationToken);
        var before = await profiles.ScrubAsync(id, cancellationToken);
        await consultations.EndForAstrologerAsync(id, cancellationToken);
        await refreshTokens.RevokeAccountAsync(id, cancellationToken);
        await singleUseTokens.RevokeOutstandingAsync(id, TokenPurpose.Invitation, cancellationToken);
        await singleUseTokens.RevokeOutstandingAsync(id, TokenPurpose.PasswordReset, cancellationToken);
        if (before?.Photo is { } photo)
        {
            await ForgetAsync(photo.Key);
        }

        await audit.AppendAsync(new NewAuditEntry("astrologer.deleted", actor, id,
            $"personal data scrubbed; shown as {AstrologerProfile.AnonymisedName(id)}; ledger and history kept"), cancellationToken);
        return true;
    }

    private (Dictionary<string, string[]> Errors, AstrologerDetails? Details) Check(AstrologerInput input)
    {
        var errors = new Dictionary<string, string[]>();
        var terms = settings.Current;
        var candidate = new AstrologerDetails
        {
            DisplayName = input.Name ?? "",
            Languages = input.Languages ?? [],
            Expertise = input.Expertise ?? [],
            YearsOfExperience = input.YearsOfExperience,
            Bio = input.Bio ?? "",
            MinRatePerMinute = input.MinRatePerMinute,
            MaxRatePerMinute = input.MaxRatePerMinute,
            RatePerMinute = input.RatePerMinute ?? input.MinRatePerMinute,
        };
        var range = $"The platform allows {Engine.Wallet.Money.Format(terms.MinRatePerMinute)}–{Engine.Wallet.Money.Format(terms.MaxRatePerMinute)} per minute.";
        if (input.MinRatePerMinute < terms.MinRatePerMinute || input.MinRatePerMinute > terms.MaxRatePerMinute)
        {
            errors["minRatePerMinute"] = [range];
        }

        if (input.MaxRatePerMinute > terms.MaxRatePerMinute || input.MaxRatePerMinute < terms.MinRatePerMinute)
        {
            errors["maxRatePerMinute"] = [range];
        }

        // Collect every field's problem, not only the first the record's own check meets.
        foreach (var probe in Probes(candidate))
        {
            try
            {
                _ = probe.Normalized();
            }
            catch (ArgumentException e) when (e.ParamName is { } field)
            {
                errors.TryAdd(field == "displayName" ? "name" : field, [e.Message.Split(" (Parameter", 2)[0]]);
            }
        }

        if (errors.Count > 0)
        {
            return (errors, null);
        }

        return (errors, candidate.Normalized());
    }

    // The candidate, then copies with each field but one made valid, so each invalid field reports its own message.
    private static IEnumerable<AstrologerDetails> Probes(AstrologerDetails c)
    {
        var valid = new AstrologerDetails { DisplayName = "x", Languages = ["x"], Expertise = ["x"], MinRatePerMinute = 1, MaxRatePerMinute = 1, RatePerMinute = 1 };
        yield return valid with { DisplayName = c.DisplayName };
        yield return valid with { Languages = c.Languages };
        yield return valid with { Expertise = c.Expertise };
        yield return valid with { YearsOfExperience = c.YearsOfExperience };
        yield return valid with { Bio = c.Bio };
        yield return c with { DisplayName = "x", Languages = ["x"], Expertise = ["x"], YearsOfExperience = 0, Bio = "" };
    }

    private static string Rates(AstrologerDetails d) => string.Create(CultureInfo.InvariantCulture,
        $"rate {d.RatePerMinute} paise/min in {d.MinRatePerMinute}–{d.MaxRatePerMinute}");

    private static string Changes(AstrologerDetails before, AstrologerDetails after)
    {
        var changed = new List<string>();
        if (before.DisplayName != after.DisplayName) { changed.Add($"name '{before.DisplayName}' → '{after.DisplayName}'"); }
        if (!before.Languages.SequenceEqual(after.Languages)) { changed.Add($"languages {string.Join('/', after.Languages)}"); }
        if (!before.Expertise.SequenceEqual(after.Expertise)) { changed.Add($"expertise {string.Join('/', after.Expertise)}"); }
        if (before.YearsOfExperience != after.YearsOfExperience) { changed.Add(string.Create(CultureInfo.InvariantCulture, $"years {before.YearsOfExperience} → {after.YearsOfExperience}")); }
        if (before.Bio != after.Bio) { changed.Add("bio"); }
        if (before.MinRatePerMinute != after.MinRatePerMinute || before.MaxRatePerMinute != after.MaxRatePerMinute || before.RatePerMinute != after.RatePerMinute)
        {
            changed.Add(Rates(after));
        }

        return changed.Count == 0 ? "no changes" : string.Join("; ", changed);
    }

    private static AstrologerView View(AstrologerProfile profile, Account? account) => new(
        profile.AccountId,
        account?.Email ?? "",
        account?.Status ?? profile.Status,
        account?.PasswordHash is not null,
        account?.ActiveSession is not null,
        profile.Details,
        profile.Photo?.Url,
        profile.CreatedAt,
        profile.UpdatedAt);

    private async Task ForgetAsync(string key)
    {
        try
        {
            await assets.DeleteAsync(key);
        }
        catch (Exception e) when (e is AssetStoreException or HttpRequestException or IOException or TaskCanceledException)
        {
            logger.LogWarning(e, "Could not delete the astrologer photo {Key}.", key);
        }
    }
}
