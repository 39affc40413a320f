using System.Net;
using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;

namespace StarSync.Engine.Tests.Storage;

/// <summary>
/// Every behaviour the storage ports promise, run against each adapter. Tests share one database per adapter run, so
/// each one makes its own accounts, keys and audit actors and never counts what others wrote.
/// </summary>
public abstract partial class StorageContractTests
{
    protected static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly byte[] HashKey = "contract-test-secret"u8.ToArray();
    private static readonly SessionClient Phone = new("Chrome on Android", "203.0.113.x");
    private static readonly SessionClient Laptop = new("Firefox on Linux", "198.51.100.x");

    protected ManualClock Clock { get; } = new(Start);

    protected abstract StoragePorts Ports { get; }

    private IAccountStore Accounts => Ports.Accounts;

    // ---- accounts ----

    [SkippableFact]
    public async Task Create_stores_the_email_lower_cased_with_the_defaults()
    {
        var id = Unique();
        var created = await Accounts.CreateAsync(new NewAccount { Email = $"  Asha.{id}@Example.COM ", Name = " Asha Rao ", Role = AccountRole.User, PasswordHash = "$2a$04$hash" });

        Assert.True(created.Created);
        var account = await Accounts.FindByIdAsync(created.Account.Id);
        Assert.NotNull(account);
        Assert.Equal($"asha.{id}@example.com", account.Email);
        Assert.Equal("Asha Rao", account.Name);
        Assert.Equal(AccountRole.User, account.Role);
        Assert.Equal(AccountStatus.Active, account.Status);
        Assert.Equal("$2a$04$hash", account.PasswordHash);
        Assert.Equal(Start, account.CreatedAt);
        Assert.Equal("Asia/Kolkata", account.TimeZone);
        Assert.Null(account.ActiveSession);
        Assert.Null(account.PasswordChangedAt);
        Assert.Equal(created.Account, account);
    }

    [SkippableFact]
    public async Task Find_by_email_ignores_case_and_surrounding_spaces()
    {
        var account = await NewUserAsync("meera");

        var found = await Accounts.FindByEmailAsync("  " + account.Email.ToUpperInvariant() + " ");

        Assert.Equal(account.Id, found?.Id);
        Assert.Null(await Accounts.FindByEmailAsync($"nobody.{Unique()}@example.com"));
        Assert.Null(await Accounts.FindByIdAsync("no-such-account"));
    }

    [SkippableFact]
    public async Task A_duplicate_email_is_rejected_even_when_it_differs_only_in_case()
    {
        var first = await NewUserAsync("ravi");

        var again = await Accounts.CreateAsync(new NewAccount { Email = first.Email.ToUpperInvariant(), Name = "Other Ravi", Role = AccountRole.Astrologer });

        Assert.False(again.Created);
        Assert.Same(AccountCreation.EmailTaken, again);
        var stored = await Accounts.FindByEmailAsync(first.Email);
        Assert.Equal(first.Id, stored?.Id);
        Assert.Equal(first.Name, stored?.Name);
    }

    [SkippableFact]
    public async Task Eight_concurrent_creates_of_one_email_leave_exactly_one_account()
    {
        var email = $"race.{Unique()}@example.com";

        var outcomes = Concurrently.Run(8, i => Accounts.CreateAsync(new NewAccount
        {
            Email = i % 2 == 0 ? email : email.ToUpperInvariant(),
            Name = $"Racer {i}",
            Role = AccountRole.User,
        }));

        var winner = Assert.Single(outcomes, o => o.Created);
        Assert.Equal(7, outcomes.Count(o => !o.Created));
        Assert.Equal(winner.Account!.Id, (await Accounts.FindByEmailAsync(email))?.Id);
        var listed = await Accounts.ListAsync(new AccountQuery { Search = email });
        Assert.Equal(1, listed.Total);
    }

    [SkippableFact]
    public async Task Starting_a_session_replaces_the_previous_one_and_reports_it()
    {
        var account = await NewUserAsync();

        var first = await Accounts.StartSessionAsync(account.Id, Phone);
        Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await Accounts.StartSessionAsync(account.Id, Laptop);

        Assert.True(first.Started);
        Assert.Null(first.Replaced);
        Assert.True(second.Started);
        Assert.Equal(first.Session, second.Replaced);
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", second.Session.Id);
        Assert.NotEqual(first.Session.Id, second.Session.Id);
        Assert.False(await Accounts.IsActiveSessionAsync(account.Id, first.Session.Id));
        Assert.True(await Accounts.IsActiveSessionAsync(account.Id, second.Session.Id));
        var stored = await Accounts.FindByIdAsync(account.Id);
        Assert.Equal(new ActiveSession(second.Session.Id, Start.AddMinutes(5), "Firefox on Linux", "198.51.100.x"), stored?.ActiveSession);
        Assert.Equal(second.Session.Id, stored?.ActiveSessionId);
    }

    [SkippableFact]
    public async Task Twenty_concurrent_sign_ins_of_one_account_leave_exactly_one_session()
    {
        var account = await NewUserAsync();

        var starts = Concurrently.Run(20, i => Accounts.StartSessionAsync(account.Id, new SessionClient($"Device {i}", "192.0.2.x")));

        Assert.All(starts, s => Assert.True(s.Started));
        var sids = starts.Select(s => s.Session!.Id).ToList();
        Assert.Equal(20, sids.Distinct().Count());
        var active = new List<string>();
        foreach (var sid in sids)
        {
            if (await Accounts.IsActiveSessionAsync(account.Id, sid))
            {
                active.Add(sid);
            }
        }

        var survivor = Assert.Single(active);
        Assert.Equal(survivor, (await Accounts.FindByIdAsync(account.Id))?.ActiveSessionId);
        // Every write replaced exactly the session before it: each loser was reported replaced once, the survivor never,
        // and exactly one call found no session to replace.
        var replaced = starts.Where(s => s.Replaced is not null).Select(s => s.Replaced!.Id).ToList();
        Assert.Equal(sids.Where(sid => sid != survivor).Order(), replaced.Order());
        Assert.Single(starts, s => s.Replaced is null);
    }

    [SkippableFact]
    public async Task Ending_a_session_clears_it_only_while_it_is_the_active_one()
    {
        var account = await NewUserAsync();
        var old = await Accounts.StartSessionAsync(account.Id, Phone);
        var current = await Accounts.StartSessionAsync(account.Id, Laptop);

        Assert.False(await Accounts.EndSessionAsync(account.Id, old.Session!.Id, SessionEndReason.SignedOut));
        Assert.True(await Accounts.IsActiveSessionAsync(account.Id, current.Session!.Id));

        Assert.True(await Accounts.EndSessionAsync(account.Id, current.Session.Id, SessionEndReason.SignedOut));
        Assert.False(await Accounts.IsActiveSessionAsync(account.Id, current.Session.Id));
        Assert.Null((await Accounts.FindByIdAsync(account.Id))?.ActiveSession);
        Assert.False(await Accounts.EndSessionAsync(account.Id, current.Session.Id, SessionEndReason.SignedOut));
    }

    [SkippableFact]
    public async Task A_session_is_not_started_for_an_unknown_blocked_or_deactivated_account()
    {
        var blocked = await NewUserAsync();
        var deactivated = await NewUserAsync();
        await Accounts.SetStatusAsync(blocked.Id, AccountStatus.Blocked);
        await Accounts.SetStatusAsync(deactivated.Id, AccountStatus.Deactivated);

        Assert.Equal(SessionStartStatus.NoSuchAccount, (await Accounts.StartSessionAsync("no-such-account", Phone)).Status);
        var refused = await Accounts.StartSessionAsync(blocked.Id, Phone);
        Assert.Equal(SessionStartStatus.AccountNotActive, refused.Status);
        Assert.False(refused.Started);
        Assert.Null(refused.Session);
        Assert.Equal(SessionStartStatus.AccountNotActive, (await Accounts.StartSessionAsync(deactivated.Id, Phone)).Status);
        Assert.Null((await Accounts.FindByIdAsync(blocked.Id))?.ActiveSession);
    }

    [SkippableFact]
    public async Task A_sign_in_verified_against_an_old_password_hash_does_not_start_a_session()
    {
        var account = await NewUserAsync();
        await Accounts.SetPasswordHashAsync(account.Id, "$2a$04$new");

        var stale = await Accounts.StartSessionAsync(account.Id, Phone, expectedPasswordHash: account.PasswordHash);
        var fresh = await Accounts.StartSessionAsync(account.Id, Phone, expectedPasswordHash: "$2a$04$new");

        Assert.Equal(SessionStartStatus.PasswordChanged, stale.Status);
        Assert.Equal(SessionStartStatus.Started, fresh.Status);
    }

    [SkippableFact]
    public async Task A_password_change_ends_the_session_unless_it_was_made_from_it()
    {
        var account = await NewUserAsync();
        var session = await Accounts.StartSessionAsync(account.Id, Phone);
        Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.True(await Accounts.SetPasswordHashAsync(account.Id, "$2a$04$second", keepSessionId: session.Session!.Id));
        Assert.True(await Accounts.IsActiveSessionAsync(account.Id, session.Session.Id));
        var changed = await Accounts.FindByIdAsync(account.Id);
        Assert.Equal("$2a$04$second", changed?.PasswordHash);
        Assert.Equal(Start.AddMinutes(1), changed?.PasswordChangedAt);

        Assert.True(await Accounts.SetPasswordHashAsync(account.Id, "$2a$04$third"));
        Assert.False(await Accounts.IsActiveSessionAsync(account.Id, session.Session.Id));
        Assert.Equal("$2a$04$third", (await Accounts.FindByIdAsync(account.Id))?.PasswordHash);
        Assert.False(await Accounts.SetPasswordHashAsync("no-such-account", "$2a$04$x"));
    }

    [SkippableFact]
    public async Task Blocking_ends_the_session_and_unblocking_does_not_bring_it_back()
    {
        var account = await NewUserAsync();
        var session = await Accounts.StartSessionAsync(account.Id, Phone);

        Assert.True(await Accounts.SetStatusAsync(account.Id, AccountStatus.Blocked));
        Assert.False(await Accounts.IsActiveSessionAsync(account.Id, session.Session!.Id));
        Assert.Equal(AccountStatus.Blocked, (await Accounts.FindByIdAsync(account.Id))?.Status);

        Assert.True(await Accounts.SetStatusAsync(account.Id, AccountStatus.Active));
        var unblocked = await Accounts.FindByIdAsync(account.Id);
        Assert.Equal(AccountStatus.Active, unblocked?.Status);
        Assert.Null(unblocked?.ActiveSession);
        Assert.False(await Accounts.IsActiveSessionAsync(account.Id, session.Session.Id));
        await Assert.ThrowsAsync<ArgumentException>(() => Accounts.SetStatusAsync(account.Id, AccountStatus.Deleted));
        Assert.False(await Accounts.SetStatusAsync("no-such-account", AccountStatus.Blocked));
    }

    [SkippableFact]
    public async Task Deleting_leaves_a_tombstone_that_keeps_the_id_and_scrubs_personal_data()
    {
        var account = await NewUserAsync("priya");
        var session = await Accounts.StartSessionAsync(account.Id, Phone);

        Assert.True(await Accounts.DeleteAsync(account.Id));

        var tombstone = await Accounts.FindByIdAsync(account.Id);
        Assert.NotNull(tombstone);
        Assert.Equal(account.Id, tombstone.Id);
        Assert.Equal("Deleted user", tombstone.Name);
        Assert.Equal($"deleted-{account.Id}@deleted.invalid", tombstone.Email);
        Assert.DoesNotContain("priya", tombstone.Email, StringComparison.Ordinal);
        Assert.Null(tombstone.PasswordHash);
        Assert.Equal(AccountStatus.Deleted, tombstone.Status);
        Assert.Null(tombstone.ActiveSession);
        Assert.False(await Accounts.IsActiveSessionAsync(account.Id, session.Session!.Id));
        Assert.Null(await Accounts.FindByEmailAsync(account.Email));
        // A tombstone is final: nothing revives or renames it, and its address is free again.
        Assert.False(await Accounts.DeleteAsync(account.Id));
        Assert.False(await Accounts.UpdateNameAsync(account.Id, "Back again"));
        Assert.False(await Accounts.SetStatusAsync(account.Id, AccountStatus.Active));
        Assert.Equal(SessionStartStatus.AccountNotActive, (await Accounts.StartSessionAsync(account.Id, Phone)).Status);
        var again = await Accounts.CreateAsync(new NewAccount { Email = account.Email, Name = "Priya again", Role = AccountRole.User });
        Assert.True(again.Created);
        Assert.NotEqual(account.Id, again.Account.Id);
    }

    [SkippableFact]
    public async Task An_avatar_is_set_replaced_and_cleared_each_time_returning_the_one_it_replaced()
    {
        var account = await NewUserAsync();
        var first = new AccountAvatar("/assets/avatars/aa.webp", "avatars/aa.webp");
        var second = new AccountAvatar("https://res.example/starsync/avatars/bb.webp", "starsync/avatars/bb");

        Assert.Equal(new AvatarChange(true, null), await Accounts.SetAvatarAsync(account.Id, first));
        Assert.Equal(first, (await Accounts.FindByIdAsync(account.Id))?.Avatar);
        Assert.Equal(new AvatarChange(true, first), await Accounts.SetAvatarAsync(account.Id, second));
        Assert.Equal(second, (await Accounts.FindByIdAsync(account.Id))?.Avatar);
        Assert.Equal(new AvatarChange(true, second), await Accounts.SetAvatarAsync(account.Id, null));
        Assert.Null((await Accounts.FindByIdAsync(account.Id))?.Avatar);
        Assert.Equal(new AvatarChange(false, null), await Accounts.SetAvatarAsync("no-such-account", first));
    }

    [SkippableFact]
    public async Task Deleting_scrubs_the_avatar_and_a_tombstone_takes_no_new_one()
    {
        var account = await NewUserAsync();
        await Accounts.SetAvatarAsync(account.Id, new AccountAvatar("/assets/avatars/cc.webp", "avatars/cc.webp"));

        Assert.True(await Accounts.DeleteAsync(account.Id));

        Assert.Null((await Accounts.FindByIdAsync(account.Id))?.Avatar);
        Assert.False((await Accounts.SetAvatarAsync(account.Id, new AccountAvatar("/assets/avatars/dd.webp", "avatars/dd.webp"))).Changed);
    }

    [SkippableFact]
    public async Task Name_and_time_zone_updates_are_stored_and_unknown_zones_refused()
    {
        var account = await NewUserAsync();

        Assert.True(await Accounts.UpdateNameAsync(account.Id, "  Kavya Iyer "));
        Assert.True(await Accounts.UpdateTimeZoneAsync(account.Id, "America/New_York"));
        await Assert.ThrowsAsync<ArgumentException>(() => Accounts.UpdateTimeZoneAsync(account.Id, "Mars/Olympus"));
        await Assert.ThrowsAsync<ArgumentException>(() => Accounts.UpdateNameAsync(account.Id, "   "));

        var updated = await Accounts.FindByIdAsync(account.Id);
        Assert.Equal("Kavya Iyer", updated?.Name);
        Assert.Equal("America/New_York", updated?.TimeZone);
        Assert.False(await Accounts.UpdateNameAsync("no-such-account", "Nobody"));
    }

    [SkippableFact]
    public async Task Listing_filters_by_text_role_and_status_newest_first_in_pages()
    {
        var tag = Unique();
        var created = new List<Account>();
        for (var i = 0; i < 5; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            var role = i < 3 ? AccountRole.Astrologer : AccountRole.User;
            var result = await Accounts.CreateAsync(new NewAccount { Email = $"pandit{i}.{tag}@example.com", Name = $"Pandit {i} {tag}", Role = role });
            created.Add(result.Account!);
        }

        await Accounts.SetStatusAsync(created[1].Id, AccountStatus.Blocked);

        var astrologers = await Accounts.ListAsync(new AccountQuery { Search = tag.ToUpperInvariant(), Role = AccountRole.Astrologer });
        Assert.Equal(3, astrologers.Total);
        Assert.Equal([created[2].Id, created[1].Id, created[0].Id], astrologers.Items.Select(a => a.Id));

        var firstPage = await Accounts.ListAsync(new AccountQuery { Search = tag, Take = 2 });
        var secondPage = await Accounts.ListAsync(new AccountQuery { Search = tag, Skip = 2, Take = 2 });
        var lastPage = await Accounts.ListAsync(new AccountQuery { Search = tag, Skip = 4, Take = 2 });
        Assert.Equal(5, firstPage.Total);
        Assert.Equal([created[4].Id, created[3].Id], firstPage.Items.Select(a => a.Id));
        Assert.Equal([created[2].Id, created[1].Id], secondPage.Items.Select(a => a.Id));
        Assert.Equal([created[0].Id], lastPage.Items.Select(a => a.Id));
        Assert.True(firstPage.HasMore);
        Assert.False(lastPage.HasMore);

        var blocked = await Accounts.ListAsync(new AccountQuery { Search = tag, Status = AccountStatus.Blocked });
        Assert.Equal([created[1].Id], blocked.Items.Select(a => a.Id));
        var byName = await Accounts.ListAsync(new AccountQuery { Search = $"pandit 3 {tag}" });
        Assert.Equal([created[3].Id], byName.Items.Select(a => a.Id));
        Assert.Equal(0, (await Accounts.ListAsync(new AccountQuery { Search = $"{tag}%" })).Total);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Accounts.ListAsync(new AccountQuery { Take = Paging.MaxTake + 1 }));
    }

    [SkippableFact]
    public async Task The_change_feed_announces_every_ended_session_with_its_reason()
    {
        var account = await NewUserAsync();
        await using var subscription = await Ports.AccountChanges.SubscribeAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var first = await Accounts.StartSessionAsync(account.Id, Phone);
        Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await Accounts.StartSessionAsync(account.Id, Laptop);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await Accounts.EndSessionAsync(account.Id, first.Session!.Id, SessionEndReason.SignedOut); // not active: no event
        await Accounts.EndSessionAsync(account.Id, second.Session!.Id, SessionEndReason.SignedOut);
        var third = await Accounts.StartSessionAsync(account.Id, Phone);
        await Accounts.SetStatusAsync(account.Id, AccountStatus.Blocked);

        var events = new List<SessionRevoked>();
        await foreach (var revoked in subscription.ReadAllAsync(timeout.Token))
        {
            if (revoked.AccountId == account.Id)
            {
                events.Add(revoked);
            }

            if (events.Count == 3)
            {
                break;
            }
        }

        Assert.Equal(
            [
                new SessionRevoked(account.Id, first.Session.Id, SessionEndReason.OtherDevice, Start.AddSeconds(1)),
                new SessionRevoked(account.Id, second.Session.Id, SessionEndReason.SignedOut, Start.AddSeconds(2)),
                new SessionRevoked(account.Id, third.Session!.Id, SessionEndReason.Blocked, Start.AddSeconds(2)),
            ],
            events);
    }

    // ---- refresh tokens ----

    [SkippableFact]
    public async Task Rotation_consumes_the_presented_token_and_binds_its_successor_to_the_same_session()
    {
        var (account, sid) = await SignedInAsync();
        var presented = Hash();
        var successor = Hash();
        await Ports.RefreshTokens.IssueAsync(new NewRefreshToken(presented, account.Id, sid, Start.AddDays(30)));
        Clock.Advance(TimeSpan.FromMinutes(15));

        var rotation = await Ports.RefreshTokens.RotateAsync(presented, successor, Start.AddDays(31));

        Assert.Equal(new RefreshRotation(RefreshRotationStatus.Rotated, account.Id, sid, Start.AddMinutes(15)), rotation);
        Assert.Equal(
            new RefreshToken(successor, account.Id, sid, Start.AddMinutes(15), Start.AddDays(31), null, null, null),
            await Ports.RefreshTokens.FindAsync(successor));
        var consumed = await Ports.RefreshTokens.FindAsync(presented);
        Assert.Equal(Start.AddMinutes(15), consumed?.ConsumedAt);
        Assert.Equal(successor, consumed?.ReplacedBy);
    }

    [SkippableFact]
    public async Task Presenting_a_rotated_token_again_reports_reuse_with_its_session()
    {
        var (account, sid) = await SignedInAsync();
        var presented = Hash();
        await Ports.RefreshTokens.IssueAsync(new NewRefreshToken(presented, account.Id, sid, Start.AddDays(30)));
        await Ports.RefreshTokens.RotateAsync(presented, Hash(), Start.AddDays(30));
        Clock.Advance(TimeSpan.FromHours(1));

        var replay = await Ports.RefreshTokens.RotateAsync(presented, Hash(), Start.AddDays(30));

        Assert.Equal(new RefreshRotation(RefreshRotationStatus.Reused, account.Id, sid, Start), replay);
    }

    [SkippableFact]
    public async Task Of_ten_concurrent_rotations_of_one_token_exactly_one_succeeds()
    {
        var (account, sid) = await SignedInAsync();
        var presented = Hash();
        await Ports.RefreshTokens.IssueAsync(new NewRefreshToken(presented, account.Id, sid, Start.AddDays(30)));
        var successors = Enumerable.Range(0, 10).Select(_ => Hash()).ToList();

        var rotations = Concurrently.Run(10, i => Ports.RefreshTokens.RotateAsync(presented, successors[i], Start.AddDays(30)));

        var winner = Assert.Single(rotations, r => r.Status == RefreshRotationStatus.Rotated);
        Assert.Equal(9, rotations.Count(r => r.Status == RefreshRotationStatus.Reused));
        var stored = new List<string>();
        foreach (var successor in successors)
        {
            if (await Ports.RefreshTokens.FindAsync(successor) is not null)
            {
                stored.Add(successor);
            }
        }

        var onlySuccessor = Assert.Single(stored);
        Assert.Equal(onlySuccessor, (await Ports.RefreshTokens.FindAsync(presented))?.ReplacedBy);
        Assert.Equal(sid, winner.SessionId);
    }

    [SkippableFact]
    public async Task Expired_revoked_and_unknown_refresh_tokens_are_refused()
    {
        var (account, sid) = await SignedInAsync();
        var expiring = Hash();
        var revoked = Hash();
        var otherSession = Hash();
        await Ports.RefreshTokens.IssueAsync(new NewRefreshToken(expiring, account.Id, sid, Start.AddMinutes(10)));
        await Ports.RefreshTokens.IssueAsync(new NewRefreshToken(revoked, account.Id, sid, Start.AddDays(30)));
        await Ports.RefreshTokens.IssueAsync(new NewRefreshToken(otherSession, account.Id, "other-session", Start.AddDays(30)));
        Clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(2, await Ports.RefreshTokens.RevokeSessionAsync(account.Id, sid));

        Assert.Equal(RefreshRotationStatus.Revoked, (await Ports.RefreshTokens.RotateAsync(revoked, Hash(), Start.AddDays(30))).Status);
        Assert.Equal(RefreshRotationStatus.Unknown, (await Ports.RefreshTokens.RotateAsync(Hash(), Hash(), Start.AddDays(30))).Status);
        Assert.Equal(RefreshRotationStatus.Rotated, (await Ports.RefreshTokens.RotateAsync(otherSession, Hash(), Start.AddDays(30))).Status);
        Assert.Equal(Start.AddMinutes(10), (await Ports.RefreshTokens.FindAsync(revoked))?.RevokedAt);

        var (other, otherSid) = await SignedInAsync();
        var live = Hash();
        await Ports.RefreshTokens.IssueAsync(new NewRefreshToken(live, other.Id, otherSid, Start.AddMinutes(20)));
        Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(RefreshRotationStatus.Expired, (await Ports.RefreshTokens.RotateAsync(live, Hash(), Start.AddDays(30))).Status);
    }

    [SkippableFact]
    public async Task Revoking_an_account_revokes_every_session_token_and_purging_drops_expired_ones()
    {
        var (account, sid) = await SignedInAsync();
        var first = Hash();
        var second = Hash();
        await Ports.RefreshTokens.IssueAsync(new NewRefreshToken(first, account.Id, sid, Start.AddMinutes(5)));
        await Ports.RefreshTokens.IssueAsync(new NewRefreshToken(second, account.Id, "older-session", Start.AddDays(30)));

        Assert.Equal(2, await Ports.RefreshTokens.RevokeAccountAsync(account.Id));
        Assert.Equal(0, await Ports.RefreshTokens.RevokeAccountAsync(account.Id));

        Assert.True(await Ports.RefreshTokens.PurgeExpiredAsync(Start.AddMinutes(6)) >= 1);
        Assert.Null(await Ports.RefreshTokens.FindAsync(first));
        Assert.NotNull(await Ports.RefreshTokens.FindAsync(second));
    }

    [SkippableFact]
    public async Task Token_stores_refuse_anything_but_a_hash()
    {
        var (account, sid) = await SignedInAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => Ports.RefreshTokens.IssueAsync(new NewRefreshToken("raw-refresh-token", account.Id, sid, Start.AddDays(1))));
        await Assert.ThrowsAsync<ArgumentException>(() => Ports.RefreshTokens.IssueAsync(new NewRefreshToken(Hash().ToUpperInvariant(), account.Id, sid, Start.AddDays(1))));
        await Assert.ThrowsAsync<ArgumentException>(() => Ports.SingleUseTokens.IssueAsync(new NewSingleUseToken("reset-me", TokenPurpose.PasswordReset, account.Id, Start.AddHours(1))));
        var hash = Hash();
        await Ports.RefreshTokens.IssueAsync(new NewRefreshToken(hash, account.Id, sid, Start.AddDays(1)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Ports.RefreshTokens.IssueAsync(new NewRefreshToken(hash, account.Id, sid, Start.AddDays(1))));
    }

    // ---- single-use tokens ----

    [SkippableFact]
    public async Task A_single_use_token_is_consumed_once_and_then_reported_used()
    {
        var account = await NewUserAsync();
        var hash = Hash();
        await Ports.SingleUseTokens.IssueAsync(new NewSingleUseToken(hash, TokenPurpose.PasswordReset, account.Id, Start.AddHours(1)));
        Clock.Advance(TimeSpan.FromMinutes(59));

        var first = await Ports.SingleUseTokens.ConsumeAsync(hash, TokenPurpose.PasswordReset);
        var second = await Ports.SingleUseTokens.ConsumeAsync(hash, TokenPurpose.PasswordReset);

        Assert.Equal(SingleUseConsumptionStatus.Consumed, first.Status);
        Assert.Equal(new SingleUseToken(hash, TokenPurpose.PasswordReset, account.Id, Start, Start.AddHours(1), Start.AddMinutes(59)), first.Token);
        Assert.Equal(SingleUseConsumptionStatus.AlreadyUsed, second.Status);
    }

    [SkippableFact]
    public async Task Of_ten_concurrent_uses_of_one_single_use_token_exactly_one_succeeds()
    {
        var account = await NewUserAsync();
        var hash = Hash();
        await Ports.SingleUseTokens.IssueAsync(new NewSingleUseToken(hash, TokenPurpose.Invitation, account.Id, Start.AddHours(72)));

        var outcomes = Concurrently.Run(10, _ => Ports.SingleUseTokens.ConsumeAsync(hash, TokenPurpose.Invitation));

        Assert.Single(outcomes, o => o.Consumed);
        Assert.Equal(9, outcomes.Count(o => o.Status == SingleUseConsumptionStatus.AlreadyUsed));
    }

    [SkippableFact]
    public async Task Expired_and_wrong_purpose_single_use_tokens_are_refused()
    {
        var account = await NewUserAsync();
        var reset = Hash();
        await Ports.SingleUseTokens.IssueAsync(new NewSingleUseToken(reset, TokenPurpose.PasswordReset, account.Id, Start.AddHours(1)));

        Assert.Equal(SingleUseConsumptionStatus.Unknown, (await Ports.SingleUseTokens.ConsumeAsync(reset, TokenPurpose.Invitation)).Status);
        Clock.Advance(TimeSpan.FromHours(1));
        var expired = await Ports.SingleUseTokens.ConsumeAsync(reset, TokenPurpose.PasswordReset);
        Assert.Equal(SingleUseConsumptionStatus.Expired, expired.Status);
        Assert.Null(expired.Token?.ConsumedAt);
        Assert.Equal(SingleUseConsumptionStatus.Unknown, (await Ports.SingleUseTokens.ConsumeAsync(Hash(), TokenPurpose.PasswordReset)).Status);
    }

    [SkippableFact]
    public async Task Revoking_outstanding_tokens_removes_only_unused_ones_of_that_purpose()
    {
        var account = await NewUserAsync();
        var used = Hash();
        var outstanding = Hash();
        var invitation = Hash();
        await Ports.SingleUseTokens.IssueAsync(new NewSingleUseToken(used, TokenPurpose.PasswordReset, account.Id, Start.AddHours(1)));
        await Ports.SingleUseTokens.IssueAsync(new NewSingleUseToken(outstanding, TokenPurpose.PasswordReset, account.Id, Start.AddHours(1)));
        await Ports.SingleUseTokens.IssueAsync(new NewSingleUseToken(invitation, TokenPurpose.Invitation, account.Id, Start.AddHours(72)));
        await Ports.SingleUseTokens.ConsumeAsync(used, TokenPurpose.PasswordReset);

        Assert.Equal(1, await Ports.SingleUseTokens.RevokeOutstandingAsync(account.Id, TokenPurpose.PasswordReset));

        Assert.Equal(SingleUseConsumptionStatus.Unknown, (await Ports.SingleUseTokens.ConsumeAsync(outstanding, TokenPurpose.PasswordReset)).Status);
        Assert.Equal(SingleUseConsumptionStatus.AlreadyUsed, (await Ports.SingleUseTokens.ConsumeAsync(used, TokenPurpose.PasswordReset)).Status);
        Assert.Equal(SingleUseConsumptionStatus.Consumed, (await Ports.SingleUseTokens.ConsumeAsync(invitation, TokenPurpose.Invitation)).Status);
    }

    // ---- birth profiles ----

    [SkippableFact]
    public async Task Birth_profiles_are_saved_listed_updated_and_deleted_by_their_owner()
    {
        var owner = await NewUserAsync();
        var self = await Ports.BirthProfiles.AddAsync(owner.Id, Mother with { Label = "Me", Name = "Asha" });
        Clock.Advance(TimeSpan.FromSeconds(1));
        var mother = await Ports.BirthProfiles.AddAsync(owner.Id, Mother);
        Assert.NotNull(self);
        Assert.NotNull(mother);
        Assert.Equal(new BirthProfile(mother.Id, owner.Id, Mother, Start.AddSeconds(1), Start.AddSeconds(1)), await Ports.BirthProfiles.FindAsync(owner.Id, mother.Id));
        Assert.Equal([self.Id, mother.Id], (await Ports.BirthProfiles.ListAsync(owner.Id)).Select(p => p.Id));

        Clock.Advance(TimeSpan.FromMinutes(1));
        var corrected = Mother with { Time = null, TimeKnown = false, PlaceId = null, UtcOffset = "lmt" };
        Assert.True(await Ports.BirthProfiles.UpdateAsync(owner.Id, mother.Id, corrected));
        Assert.Equal(new BirthProfile(mother.Id, owner.Id, corrected, Start.AddSeconds(1), Start.AddSeconds(61)), await Ports.BirthProfiles.FindAsync(owner.Id, mother.Id));

        Assert.True(await Ports.BirthProfiles.DeleteAsync(owner.Id, mother.Id));
        Assert.Null(await Ports.BirthProfiles.FindAsync(owner.Id, mother.Id));
        Assert.False(await Ports.BirthProfiles.DeleteAsync(owner.Id, mother.Id));
        Assert.Equal([self.Id], (await Ports.BirthProfiles.ListAsync(owner.Id)).Select(p => p.Id));
        Assert.Equal(1, await Ports.BirthProfiles.DeleteAllAsync(owner.Id));
        Assert.Empty(await Ports.BirthProfiles.ListAsync(owner.Id));
    }

    [SkippableFact]
    public async Task Another_account_can_neither_read_change_nor_delete_a_profile()
    {
        var owner = await NewUserAsync();
        var stranger = await NewUserAsync();
        var profile = await Ports.BirthProfiles.AddAsync(owner.Id, Mother);
        Assert.NotNull(profile);

        Assert.Null(await Ports.BirthProfiles.FindAsync(stranger.Id, profile.Id));
        Assert.Empty(await Ports.BirthProfiles.ListAsync(stranger.Id));
        Assert.False(await Ports.BirthProfiles.UpdateAsync(stranger.Id, profile.Id, Mother with { Name = "Hijacked" }));
        Assert.False(await Ports.BirthProfiles.DeleteAsync(stranger.Id, profile.Id));
        Assert.Equal(0, await Ports.BirthProfiles.DeleteAllAsync(stranger.Id));

        Assert.Equal(profile, await Ports.BirthProfiles.FindAsync(owner.Id, profile.Id));
    }

    [SkippableFact]
    public async Task An_account_keeps_at_most_fifty_profiles_even_when_adding_concurrently()
    {
        var owner = await NewUserAsync();
        for (var i = 0; i < IBirthProfileStore.MaxPerAccount - 2; i++)
        {
            Assert.NotNull(await Ports.BirthProfiles.AddAsync(owner.Id, Mother with { Label = $"Relative {i}" }));
        }

        var racing = Concurrently.Run(12, i => Ports.BirthProfiles.AddAsync(owner.Id, Mother with { Label = $"Racer {i}" }));

        Assert.Equal(2, racing.Count(p => p is not null));
        Assert.Equal(IBirthProfileStore.MaxPerAccount, (await Ports.BirthProfiles.ListAsync(owner.Id)).Count);
        var first = (await Ports.BirthProfiles.ListAsync(owner.Id))[0];
        Assert.True(await Ports.BirthProfiles.DeleteAsync(owner.Id, first.Id));
        Assert.NotNull(await Ports.BirthProfiles.AddAsync(owner.Id, Mother with { Label = "After a delete" }));
        Assert.Null(await Ports.BirthProfiles.AddAsync(owner.Id, Mother with { Label = "One too many" }));
    }

    [SkippableFact]
    public async Task Malformed_birth_details_are_refused()
    {
        var owner = await NewUserAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => Ports.BirthProfiles.AddAsync(owner.Id, Mother with { Date = "1961-02-30" }));
        await Assert.ThrowsAsync<ArgumentException>(() => Ports.BirthProfiles.AddAsync(owner.Id, Mother with { Time = "25:00:00" }));
        await Assert.ThrowsAsync<ArgumentException>(() => Ports.BirthProfiles.AddAsync(owner.Id, Mother with { Latitude = 91 }));
        await Assert.ThrowsAsync<ArgumentException>(() => Ports.BirthProfiles.AddAsync(owner.Id, Mother with { TimeZone = "IST" }));
        Assert.Empty(await Ports.BirthProfiles.ListAsync(owner.Id));
    }

    // ---- sign-in throttle ----

    [SkippableFact]
    public async Task Failures_within_the_window_lock_the_key_out_until_the_lockout_ends()
    {
        var key = ThrottleKey.ForEmail($"target.{Unique()}@example.com");
        var policy = new ThrottlePolicy(3, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30));

        Assert.Equal(new ThrottleStatus(1, null), await Ports.SignInThrottle.RecordFailureAsync(key, policy));
        Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(new ThrottleStatus(2, null), await Ports.SignInThrottle.RecordFailureAsync(key, policy));
        Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(new ThrottleStatus(3, Start.AddMinutes(32)), await Ports.SignInThrottle.RecordFailureAsync(key, policy));

        Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.True((await Ports.SignInThrottle.CheckAsync(key)).IsLockedOut);
        Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(ThrottleStatus.Clear, await Ports.SignInThrottle.CheckAsync(key));
        Assert.Equal(new ThrottleStatus(1, null), await Ports.SignInThrottle.RecordFailureAsync(key, policy));
    }

    [SkippableFact]
    public async Task Failures_spread_wider_than_the_window_never_lock_out()
    {
        var key = ThrottleKey.ForIp(IPAddress.Parse("::ffff:198.51.100.7"));
        var policy = new ThrottlePolicy(2, TimeSpan.FromMinutes(10), TimeSpan.FromHours(1));

        Assert.Equal("ip:198.51.100.7", key);
        Assert.Equal(new ThrottleStatus(1, null), await Ports.SignInThrottle.RecordFailureAsync(key, policy));
        Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(ThrottleStatus.Clear, await Ports.SignInThrottle.CheckAsync(key));
        Assert.Equal(new ThrottleStatus(1, null), await Ports.SignInThrottle.RecordFailureAsync(key, policy));
    }

    [SkippableFact]
    public async Task A_successful_sign_in_resets_the_key_and_unknown_emails_are_counted_like_known_ones()
    {
        var unknownEmail = $"Nobody.{Unique()}@Example.com";
        var policy = new ThrottlePolicy(5, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15));
        await Ports.SignInThrottle.RecordFailureAsync(ThrottleKey.ForEmail(unknownEmail), policy);

        Assert.Equal(new ThrottleStatus(2, null), await Ports.SignInThrottle.RecordFailureAsync(ThrottleKey.ForEmail("  " + unknownEmail.ToUpperInvariant()), policy));
        await Ports.SignInThrottle.ResetAsync(ThrottleKey.ForEmail(unknownEmail));
        Assert.Equal(ThrottleStatus.Clear, await Ports.SignInThrottle.CheckAsync(ThrottleKey.ForEmail(unknownEmail)));
    }

    [SkippableFact]
    public async Task Concurrent_failures_are_each_counted_once()
    {
        var key = ThrottleKey.ForEmail($"burst.{Unique()}@example.com");
        var policy = new ThrottlePolicy(100, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15));

        var statuses = Concurrently.Run(12, _ => Ports.SignInThrottle.RecordFailureAsync(key, policy));

        Assert.Equal(Enumerable.Range(1, 12), statuses.Select(s => s.Failures).Order());
        Assert.Equal(new ThrottleStatus(12, null), await Ports.SignInThrottle.CheckAsync(key));
    }

    // ---- audit log ----

    [SkippableFact]
    public async Task The_audit_log_filters_by_kind_actor_account_and_time_newest_first()
    {
        var admin = "admin-" + Unique();
        var victim = "account-" + Unique();
        var blocked = await Ports.AuditLog.AppendAsync(new NewAuditEntry("account.blocked", admin, victim, "spam"));
        Clock.Advance(TimeSpan.FromMinutes(1));
        var unblocked = await Ports.AuditLog.AppendAsync(new NewAuditEntry("account.unblocked", admin, victim));
        Clock.Advance(TimeSpan.FromMinutes(1));
        var signIn = await Ports.AuditLog.AppendAsync(new NewAuditEntry("session.started", victim, victim, "Chrome on Android"));
        Clock.Advance(TimeSpan.FromMinutes(1));
        var other = await Ports.AuditLog.AppendAsync(new NewAuditEntry("account.blocked", admin, "account-" + Unique()));

        Assert.Equal(new AuditEntry(blocked.Id, Start, "account.blocked", admin, victim, "spam"), blocked);
        Assert.Equal([other.Id, unblocked.Id, blocked.Id], (await Ports.AuditLog.QueryAsync(new AuditQuery { Actor = admin })).Items.Select(e => e.Id));
        Assert.Equal([signIn.Id, unblocked.Id, blocked.Id], (await Ports.AuditLog.QueryAsync(new AuditQuery { AccountId = victim })).Items.Select(e => e.Id));
        Assert.Equal([other.Id, blocked.Id], (await Ports.AuditLog.QueryAsync(new AuditQuery { Actor = admin, Kind = "account.blocked" })).Items.Select(e => e.Id));
        var window = await Ports.AuditLog.QueryAsync(new AuditQuery { AccountId = victim, From = Start.AddMinutes(1), To = Start.AddMinutes(2) });
        Assert.Equal([unblocked], window.Items);
        Assert.Equal(1, window.Total);
    }

    [SkippableFact]
    public async Task The_audit_log_pages_newest_first_with_the_total()
    {
        var actor = "system-" + Unique();
        var appended = new List<AuditEntry>();
        for (var i = 0; i < 7; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            appended.Add(await Ports.AuditLog.AppendAsync(new NewAuditEntry("wallet.checked", actor, Detail: $"run {i}")));
        }

        var newestFirst = appended.AsEnumerable().Reverse().Select(e => e.Id).ToList();
        var first = await Ports.AuditLog.QueryAsync(new AuditQuery { Actor = actor, Take = 3 });
        var second = await Ports.AuditLog.QueryAsync(new AuditQuery { Actor = actor, Skip = 3, Take = 3 });
        var third = await Ports.AuditLog.QueryAsync(new AuditQuery { Actor = actor, Skip = 6, Take = 3 });

        Assert.Equal(7, first.Total);
        Assert.Equal(newestFirst[..3], first.Items.Select(e => e.Id));
        Assert.Equal(newestFirst[3..6], second.Items.Select(e => e.Id));
        Assert.Equal(newestFirst[6..], third.Items.Select(e => e.Id));
        Assert.True(second.HasMore);
        Assert.False(third.HasMore);
        Assert.Equal(7, appended.Select(e => e.Id).Distinct().Count());
    }

    // ---- helpers ----

    private static BirthDetails Mother { get; } = new()
    {
        Label = "Mother",
        Name = "Lakshmi",
        Date = "1961-02-14",
        Time = "05:45:00",
        TimeKnown = true,
        PlaceId = "1264527",
        Latitude = 13.0878,
        Longitude = 80.2785,
        TimeZone = "Asia/Kolkata",
    };

    protected static string Unique() => Guid.NewGuid().ToString("N")[..12];

    private static string Hash() => TokenHash.Compute(HashKey, Guid.NewGuid().ToString());

    private async Task<Account> NewUserAsync(string name = "user")
    {
        var created = await Accounts.CreateAsync(new NewAccount
        {
            Email = $"{name}.{Unique()}@example.com",
            Name = name,
            Role = AccountRole.User,
            PasswordHash = "$2a$04$" + Unique(),
        });
        return created.Account ?? throw new InvalidOperationException("A fresh email was taken.");
    }

    private async Task<(Account Account, string SessionId)> SignedInAsync()
    {
        var account = await NewUserAsync();
        var session = await Accounts.StartSessionAsync(account.Id, Phone);
        return (account, session.Session!.Id);
    }
}
