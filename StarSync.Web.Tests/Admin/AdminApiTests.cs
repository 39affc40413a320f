using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;
using StarSync.Engine.Wallet;
using StarSync.Web.Tests.Api;
using StarSync.Web.Tests.Auth;
using StarSync.Web.Tests.Infrastructure;

namespace StarSync.Web.Tests.Admin;

/// <summary>The admin API over a real host: onboarding, invitations, removal, users, settings and the audit log.</summary>
public sealed class AdminApiTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>
{
    private readonly AuthApiClient _api = new(host.Factory);

    private static Uri Url(string path) => new(path, UriKind.Relative);

    internal static object Onboarding(string email, string name = "Pandit Ravi Shastri") => new
    {
        name,
        email,
        languages = new[] { "Hindi", "English" },
        expertise = new[] { "Vedic", "KP" },
        yearsOfExperience = 12,
        bio = "Parashari and KP, twelve years.",
        minRatePerMinute = 1_000,
        maxRatePerMinute = 5_000,
        ratePerMinute = 2_000,
    };

    private async Task<HttpClient> AdminAsync()
    {
        var admin = await _api.CreateAccountAsync(AccountRole.Admin);
        return _api.WithToken((await _api.LoginOkAsync(admin.Email)).GetProperty("accessToken").GetString()!);
    }

    private static string TokenOf(string invitationUrl) => invitationUrl[(invitationUrl.LastIndexOf('/') + 1)..];

    private static async Task<(string Id, string Email, string Token)> OnboardAsync(HttpClient admin, string name = "Pandit Ravi Shastri")
    {
        var email = $"astro-{Guid.NewGuid():N}@example.com";
        var response = await admin.PostAsJsonAsync(Url("/api/v1/admin/astrologers"), Onboarding(email, name));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("astrologer").GetProperty("id").GetString()!, email, TokenOf(body.GetProperty("invitation").GetProperty("url").GetString()!));
    }

    private async Task<string> AcceptAsync(string token)
    {
        var response = await _api.Anonymous().PostAsJsonAsync(Url("/api/v1/auth/invitation"), new { token, password = AuthApiClient.Password });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        return token;
    }

    private static async Task<JsonElement> ErrorsOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
    }

    private async Task<IReadOnlyList<AuditEntry>> AuditAsync(string accountId) =>
        (await host.Factory.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { AccountId = accountId, Take = 100 })).Items;

    [Fact]
    public async Task Onboarding_creates_the_account_and_profile_and_a_one_time_invitation_that_sets_the_password()
    {
        var admin = await AdminAsync();
        var email = $"astro-{Guid.NewGuid():N}@example.com";

        var response = await admin.PostAsJsonAsync(Url("/api/v1/admin/astrologers"), Onboarding(email));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var astrologer = body.GetProperty("astrologer");
        var id = astrologer.GetProperty("id").GetString()!;
        Assert.Equal(email, astrologer.GetProperty("email").GetString());
        Assert.Equal("active", astrologer.GetProperty("status").GetString());
        Assert.False(astrologer.GetProperty("passwordSet").GetBoolean());
        Assert.Equal("Pandit Ravi Shastri", astrologer.GetProperty("details").GetProperty("displayName").GetString());
        Assert.Equal(2_000, astrologer.GetProperty("details").GetProperty("ratePerMinute").GetInt64());
        var invitation = body.GetProperty("invitation");
        Assert.Matches("^http://localhost/invite/[A-Za-z0-9_-]{43}$", invitation.GetProperty("url").GetString()!);
        Assert.False(invitation.GetProperty("emailed").GetBoolean());
        var expires = invitation.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromHours(71.9), TimeSpan.FromHours(72));
        var account = await host.Factory.Services.GetRequiredService<IAccountStore>().FindByIdAsync(id);
        Assert.Equal(AccountRole.Astrologer, account!.Role);
        Assert.Null(account.PasswordHash);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.LoginAsync(email)).StatusCode);

        await AcceptAsync(TokenOf(invitation.GetProperty("url").GetString()!));

        var tokens = await _api.LoginOkAsync(email);
        var me = await _api.WithToken(tokens.GetProperty("accessToken").GetString()!).GetFromJsonAsync<JsonElement>(Url("/api/v1/me"));
        Assert.Equal("astrologer", me.GetProperty("role").GetString());
        var kinds = (await AuditAsync(id)).Select(a => a.Kind).ToList();
        Assert.Contains("astrologer.created", kinds);
        Assert.Contains("account.invitation-issued", kinds);
        Assert.Contains("account.invitation-accepted", kinds);
    }

    [Fact]
    public async Task An_invitation_works_once_and_a_tampered_one_not_at_all()
    {
        var admin = await AdminAsync();
        var (_, email, token) = await OnboardAsync(admin);
        await AcceptAsync(token);

        var reuse = await _api.Anonymous().PostAsJsonAsync(Url("/api/v1/auth/invitation"), new { token, password = "another long passphrase" });
        var tampered = await _api.Anonymous().PostAsJsonAsync(Url("/api/v1/auth/invitation"), new { token = token[..^2] + (token[^2..] == "AA" ? "BB" : "AA"), password = "another long passphrase" });
        var weak = await _api.Anonymous().PostAsJsonAsync(Url("/api/v1/auth/invitation"), new { token, password = "short" });

        Assert.Contains("already used", (await ErrorsOf(reuse)).GetProperty("token")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("not valid", (await ErrorsOf(tampered)).GetProperty("token")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("Use at least 10 characters.", (await ErrorsOf(weak)).GetProperty("password")[0].GetString());
        // The first password still works; the reused link changed nothing.
        Assert.Equal(HttpStatusCode.OK, (await _api.LoginAsync(email)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.LoginAsync(email, "another long passphrase")).StatusCode);
    }

    [Fact]
    public async Task A_password_reset_link_is_not_an_invitation()
    {
        var admin = await AdminAsync();
        var user = await _api.CreateAccountAsync(AccountRole.User);
        var reset = await admin.PostAsync(Url($"/api/v1/admin/users/{user.Id}/password-reset"), null);
        var resetUrl = (await reset.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;

        var misuse = await _api.Anonymous().PostAsJsonAsync(Url("/api/v1/auth/invitation"), new { token = TokenOf(resetUrl), password = "another long passphrase" });

        Assert.Contains("not valid", (await ErrorsOf(misuse)).GetProperty("token")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_onboarding_input_answers_400_keyed_by_field()
    {
        var admin = await AdminAsync();
        var (_, taken, _) = await OnboardAsync(admin);

        var bad = await admin.PostAsJsonAsync(Url("/api/v1/admin/astrologers"), new
        {
            name = " ",
            email = "not-an-email",
            languages = Array.Empty<string>(),
            expertise = new[] { "Vedic" },
            yearsOfExperience = 200,
            minRatePerMinute = 100,
            maxRatePerMinute = 90_000,
        });
        var duplicate = await admin.PostAsJsonAsync(Url("/api/v1/admin/astrologers"), Onboarding(taken.ToUpperInvariant()));
        var wrongType = await admin.PostAsync(Url("/api/v1/admin/astrologers"), new StringContent("""{"name":"A","yearsOfExperience":"ten"}""", Encoding.UTF8, "application/json"));
        var rateOutside = await admin.PostAsJsonAsync(Url("/api/v1/admin/astrologers"), new
        {
            name = "Asha", email = $"a-{Guid.NewGuid():N}@example.com", languages = new[] { "Tamil" }, expertise = new[] { "Tarot" },
            minRatePerMinute = 1_000, maxRatePerMinute = 2_000, ratePerMinute = 3_000,
        });

        var errors = await ErrorsOf(bad);
        Assert.Equal("The name must be 1–120 characters.", errors.GetProperty("name")[0].GetString());
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.Equal("Give at least one language.", errors.GetProperty("languages")[0].GetString());
        Assert.Equal("Years of experience must be 0–80.", errors.GetProperty("yearsOfExperience")[0].GetString());
        Assert.Equal("The platform allows ₹5–₹500 per minute.", errors.GetProperty("minRatePerMinute")[0].GetString());
        Assert.Equal("The platform allows ₹5–₹500 per minute.", errors.GetProperty("maxRatePerMinute")[0].GetString());
        Assert.Equal("An account with this email already exists.", (await ErrorsOf(duplicate)).GetProperty("email")[0].GetString());
        Assert.Equal("This field has the wrong type.", (await ErrorsOf(wrongType)).GetProperty("yearsOfExperience")[0].GetString());
        Assert.Equal("The current rate must lie within the allowed range.", (await ErrorsOf(rateOutside)).GetProperty("ratePerMinute")[0].GetString());
    }

    [Fact]
    public async Task Editing_changes_the_profile_and_the_account_name_and_is_audited()
    {
        var admin = await AdminAsync();
        var (id, email, _) = await OnboardAsync(admin);

        var response = await admin.PutAsJsonAsync(Url($"/api/v1/admin/astrologers/{id}"), Onboarding(email, "Acharya Ravi"));
        var changed = await admin.PutAsJsonAsync(Url($"/api/v1/admin/astrologers/{id}"), new
        {
            name = "Acharya Ravi", languages = new[] { "Tamil" }, expertise = new[] { "Numerology" }, yearsOfExperience = 14, bio = "",
            minRatePerMinute = 1_500, maxRatePerMinute = 6_000, ratePerMinute = 1_500,
        });
        var missing = await admin.PutAsJsonAsync(Url("/api/v1/admin/astrologers/no-such-id"), Onboarding(email));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var details = (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("details");
        Assert.Equal("Tamil", details.GetProperty("languages")[0].GetString());
        Assert.Equal(14, details.GetProperty("yearsOfExperience").GetInt32());
        Assert.Equal(1_500, details.GetProperty("ratePerMinute").GetInt64());
        Assert.Equal("Acharya Ravi", (await host.Factory.Services.GetRequiredService<IAccountStore>().FindByIdAsync(id))!.Name);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains(await AuditAsync(id), a => a.Kind == "astrologer.updated" && a.Detail!.Contains("languages Tamil", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deactivating_refuses_the_astrologers_token_at_once_and_hides_them_from_the_active_list()
    {
        var admin = await AdminAsync();
        var (id, email, token) = await OnboardAsync(admin, "Deactivated Devika " + Guid.NewGuid().ToString("N")[..6]);
        await AcceptAsync(token);
        var tokens = await _api.LoginOkAsync(email);
        var access = tokens.GetProperty("accessToken").GetString()!;
        Assert.Equal(HttpStatusCode.OK, await _api.MeStatusAsync(access));

        var deactivated = await admin.PostAsync(Url($"/api/v1/admin/astrologers/{id}/deactivate"), null);

        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        Assert.Equal("deactivated", (await deactivated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, await _api.MeStatusAsync(access));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.RefreshAsync(tokens.GetProperty("refreshToken").GetString()!)).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await _api.LoginAsync(email)).StatusCode);
        var active = await admin.GetFromJsonAsync<JsonElement>(Url($"/api/v1/admin/astrologers?status=active&search={id[..0]}Deactivated Devika"));
        Assert.DoesNotContain(active.GetProperty("items").EnumerateArray(), a => a.GetProperty("id").GetString() == id);
        var inactive = await admin.GetFromJsonAsync<JsonElement>(Url("/api/v1/admin/astrologers?status=deactivated&take=200"));
        Assert.Contains(inactive.GetProperty("items").EnumerateArray(), a => a.GetProperty("id").GetString() == id);

        var reactivated = await admin.PostAsync(Url($"/api/v1/admin/astrologers/{id}/reactivate"), null);
        Assert.Equal("active", (await reactivated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _api.LoginAsync(email)).StatusCode);
        var kinds = (await AuditAsync(id)).Select(a => a.Kind).ToList();
        Assert.Contains("astrologer.deactivated", kinds);
        Assert.Contains("astrologer.reactivated", kinds);
    }

    [Fact]
    public async Task Deactivating_ends_the_astrologers_live_consultation_which_the_users_history_then_shows()
    {
        var admin = await AdminAsync();
        var (id, _, _) = await OnboardAsync(admin, "Live Lata " + Guid.NewGuid().ToString("N")[..6]);
        var user = await _api.CreateAccountAsync(AccountRole.User);
        var credit = await admin.PostAsJsonAsync(Url($"/api/v1/admin/users/{user.Id}/wallet/adjustments"), new { amount = 20_000, reason = "test credit", idempotencyKey = "live-1" });
        Assert.Equal(HttpStatusCode.OK, credit.StatusCode);
        var consultations = host.Factory.Services.GetRequiredService<StarSync.Web.Consultations.ConsultationService>();
        var requested = await consultations.RequestAsync(user.Id, id);
        Assert.True(requested.Succeeded, requested.Outcome.ToString());
        var accepted = await consultations.AcceptAsync(id, requested.Consultation!.Id);
        Assert.Equal(StarSync.Engine.Consultations.ConsultationState.Active, accepted.Consultation!.State);
        var live = await admin.GetFromJsonAsync<JsonElement>(Url("/api/v1/admin/health"));
        Assert.True(live.GetProperty("liveConsultations").GetInt32() >= 1);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync(Url($"/api/v1/admin/astrologers/{id}/deactivate"), null)).StatusCode);

        var ended = await consultations.GetForPartyAsync(user.Id, requested.Consultation.Id);
        Assert.Equal(StarSync.Engine.Consultations.ConsultationState.Ended, ended!.State);
        Assert.Equal(StarSync.Engine.Consultations.ConsultationEndReason.AstrologerDeactivated, ended.EndReason);
        var detail = await admin.GetFromJsonAsync<JsonElement>(Url($"/api/v1/admin/users/{user.Id}"));
        var line = Assert.Single(detail.GetProperty("consultations").EnumerateArray());
        Assert.Equal("ended", line.GetProperty("state").GetString());
        Assert.StartsWith("Live Lata", line.GetProperty("astrologerName").GetString(), StringComparison.Ordinal);
        Assert.Contains(await AuditAsync(id), a => a.Kind == "astrologer.deactivated" && a.Detail!.Contains("1 live consultation(s) ended", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deleting_keeps_a_tombstone_and_the_unpaid_earnings()
    {
        var admin = await AdminAsync();
        var (id, email, token) = await OnboardAsync(admin, "Kavya Menon");
        await AcceptAsync(token);
        var ledger = host.Factory.Services.GetRequiredService<ILedgerStore>();
        var posted = await ledger.PostAsync(new NewPosting
        {
            IdempotencyKey = $"test:earnings:{id}",
            Reference = "a consultation before removal",
            Actor = "system",
            Entries =
            [
                new NewLedgerEntry(LedgerAccounts.Earnings(id), 7_000, LedgerEntryKind.Adjustment),
                new NewLedgerEntry(LedgerAccounts.PlatformAdjustments, -7_000, LedgerEntryKind.Adjustment),
            ],
        });
        Assert.True(posted.Succeeded);

        var deleted = await admin.DeleteAsync(Url($"/api/v1/admin/astrologers/{id}"));
        var again = await admin.DeleteAsync(Url($"/api/v1/admin/astrologers/{id}"));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        var tombstone = await admin.GetFromJsonAsync<JsonElement>(Url($"/api/v1/admin/astrologers/{id}"));
        Assert.Equal("deleted", tombstone.GetProperty("status").GetString());
        Assert.Equal("Former astrologer " + id[^4..].ToUpperInvariant(), tombstone.GetProperty("details").GetProperty("displayName").GetString());
        Assert.Equal("", tombstone.GetProperty("details").GetProperty("bio").GetString());
        Assert.Equal(7_000, (await ledger.GetBalanceAsync(LedgerAccounts.Earnings(id))).Balance);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.LoginAsync(email)).StatusCode);
        // The email is free again for a new account.
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync(Url("/api/v1/admin/astrologers"), Onboarding(email))).StatusCode);
        Assert.Contains(await AuditAsync(id), a => a.Kind == "astrologer.deleted");
    }

    [Fact]
    public async Task A_password_reset_ends_the_session_voids_the_password_and_issues_a_new_invitation()
    {
        var admin = await AdminAsync();
        var (id, email, token) = await OnboardAsync(admin);
        await AcceptAsync(token);
        var access = (await _api.LoginOkAsync(email)).GetProperty("accessToken").GetString()!;

        var reset = await admin.PostAsync(Url($"/api/v1/admin/astrologers/{id}/password-reset"), null);

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await _api.MeStatusAsync(access));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.LoginAsync(email)).StatusCode);
        var newToken = TokenOf((await reset.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!);
        Assert.NotEqual(token, newToken);
        var replaced = await _api.Anonymous().PostAsJsonAsync(Url("/api/v1/auth/invitation"), new { token, password = "another long passphrase" });
        Assert.Equal(HttpStatusCode.BadRequest, replaced.StatusCode);
        await AcceptAsync(newToken);
        Assert.Equal(HttpStatusCode.OK, (await _api.LoginAsync(email)).StatusCode);
    }

    [Fact]
    public async Task Blocking_a_user_refuses_their_token_at_once_and_unblocking_lets_them_back()
    {
        var admin = await AdminAsync();
        var user = await _api.CreateAccountAsync(AccountRole.User);
        var access = (await _api.LoginOkAsync(user.Email)).GetProperty("accessToken").GetString()!;

        var found = await admin.GetFromJsonAsync<JsonElement>(Url($"/api/v1/admin/users?search={Uri.EscapeDataString(user.Email.ToUpperInvariant())}"));
        var blocked = await admin.PostAsync(Url($"/api/v1/admin/users/{user.Id}/block"), null);

        Assert.Equal(1, found.GetProperty("total").GetInt64());
        Assert.Equal(user.Id, found.GetProperty("items")[0].GetProperty("id").GetString());
        Assert.Equal("blocked", (await blocked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, await _api.MeStatusAsync(access));
        Assert.NotEqual(HttpStatusCode.OK, (await _api.LoginAsync(user.Email)).StatusCode);
        var blockedList = await admin.GetFromJsonAsync<JsonElement>(Url($"/api/v1/admin/users?status=blocked&search={user.Email}"));
        Assert.Equal(1, blockedList.GetProperty("total").GetInt64());

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync(Url($"/api/v1/admin/users/{user.Id}/unblock"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _api.LoginAsync(user.Email)).StatusCode);
        var kinds = (await AuditAsync(user.Id)).Select(a => a.Kind).ToList();
        Assert.Contains("account.blocked", kinds);
        Assert.Contains("account.unblocked", kinds);
    }

    [Fact]
    public async Task Admins_are_not_blocked_and_bad_filters_are_named()
    {
        var admin = await AdminAsync();
        var other = await _api.CreateAccountAsync(AccountRole.Admin);

        var refused = await admin.PostAsync(Url($"/api/v1/admin/users/{other.Id}/block"), null);
        var badStatus = await admin.GetAsync(Url("/api/v1/admin/users?status=sleeping&take=0"));
        var badRole = await admin.GetAsync(Url("/api/v1/admin/astrologers?status=1"));
        var missing = await admin.PostAsync(Url("/api/v1/admin/users/no-such-id/block"), null);

        Assert.Equal("Admin accounts cannot be blocked here.", (await ErrorsOf(refused)).GetProperty("id")[0].GetString());
        var errors = await ErrorsOf(badStatus);
        Assert.True(errors.TryGetProperty("status", out _));
        Assert.Equal("take must be 1–200.", errors.GetProperty("take")[0].GetString());
        Assert.True((await ErrorsOf(badRole)).TryGetProperty("status", out _));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_users_detail_shows_the_wallet_after_a_refund_through_the_adjustment_path()
    {
        var admin = await AdminAsync();
        var user = await _api.CreateAccountAsync(AccountRole.User);

        var refund = await admin.PostAsJsonAsync(Url($"/api/v1/admin/users/{user.Id}/wallet/adjustments"), new { amount = 12_500, reason = "refund: dropped call", idempotencyKey = "refund-1" });
        var detail = await admin.GetFromJsonAsync<JsonElement>(Url($"/api/v1/admin/users/{user.Id}"));

        Assert.Equal(HttpStatusCode.OK, refund.StatusCode);
        Assert.Equal(12_500, detail.GetProperty("walletBalance").GetInt64());
        Assert.Equal("INR", detail.GetProperty("currency").GetString());
        Assert.Equal(1, detail.GetProperty("transactions").GetProperty("total").GetInt64());
        Assert.Equal(12_500, detail.GetProperty("transactions").GetProperty("items")[0].GetProperty("amount").GetInt64());
        Assert.Contains(detail.GetProperty("activity").GetProperty("items").EnumerateArray(), a => a.GetProperty("kind").GetString() == "wallet.adjusted");
    }

    [Fact]
    public async Task Settings_start_at_the_defaults_save_over_the_version_read_and_drive_the_top_up_terms()
    {
        var admin = await AdminAsync();
        var defaults = await admin.GetFromJsonAsync<JsonElement>(Url("/api/v1/admin/settings"));
        Assert.Equal(3000, defaults.GetProperty("commissionBasisPoints").GetInt32());
        Assert.Equal(5, defaults.GetProperty("minimumBalanceMinutes").GetInt32());
        Assert.False(defaults.GetProperty("freeFirstConsultation").GetBoolean());
        Assert.Equal(5_000, defaults.GetProperty("minimumTopUp").GetInt64());
        var version = defaults.GetProperty("version").GetInt64();

        var changed = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(defaults.GetRawText())!;
        changed["minimumTopUp"] = JsonSerializer.SerializeToElement(20_000);
        changed["commissionBasisPoints"] = JsonSerializer.SerializeToElement(2500);
        var saved = await admin.PutAsJsonAsync(Url("/api/v1/admin/settings"), changed);
        var stale = await admin.PutAsJsonAsync(Url("/api/v1/admin/settings"), changed);
        changed["version"] = JsonSerializer.SerializeToElement(version + 1);
        changed["commissionBasisPoints"] = JsonSerializer.SerializeToElement(12_000);
        var invalid = await admin.PutAsJsonAsync(Url("/api/v1/admin/settings"), changed);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(version + 1, (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("The commission must be 0–100 %.", (await ErrorsOf(invalid)).GetProperty("commissionBasisPoints")[0].GetString());
        var user = await _api.CreateAccountAsync(AccountRole.User);
        var terms = await _api.WithToken((await _api.LoginOkAsync(user.Email)).GetProperty("accessToken").GetString()!)
            .GetFromJsonAsync<JsonElement>(Url("/api/v1/wallet/terms"));
        Assert.Equal(20_000, terms.GetProperty("minimumAmount").GetInt64());
        var audit = await host.Factory.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { Kind = "settings.changed" });
        Assert.Contains(audit.Items, a => a.Detail!.Contains("commissionBasisPoints 3000 → 2500", StringComparison.Ordinal) && a.Detail.Contains("minimumTopUp 5000 → 20000", StringComparison.Ordinal));

        // Put the defaults back for the other tests of this host.
        changed = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(defaults.GetRawText())!;
        changed["version"] = JsonSerializer.SerializeToElement(version + 1);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync(Url("/api/v1/admin/settings"), changed)).StatusCode);
    }

    [Fact]
    public async Task The_audit_log_filters_by_kind_account_actor_and_time_and_pages()
    {
        var admin = await AdminAsync();
        var (id, _, _) = await OnboardAsync(admin);
        await admin.PostAsync(Url($"/api/v1/admin/astrologers/{id}/deactivate"), null);
        await admin.PostAsync(Url($"/api/v1/admin/astrologers/{id}/reactivate"), null);
        var since = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O"));

        var all = await admin.GetFromJsonAsync<JsonElement>(Url($"/api/v1/admin/audit?accountId={id}&from={since}"));
        var page = await admin.GetFromJsonAsync<JsonElement>(Url($"/api/v1/admin/audit?accountId={id}&skip=1&take=1"));
        var kind = await admin.GetFromJsonAsync<JsonElement>(Url($"/api/v1/admin/audit?accountId={id}&kind=astrologer.deactivated"));
        var future = await admin.GetFromJsonAsync<JsonElement>(Url($"/api/v1/admin/audit?accountId={id}&from=2999-01-01T00:00:00Z"));
        var bad = await admin.GetAsync(Url("/api/v1/admin/audit?from=yesterday"));

        Assert.Equal(4, all.GetProperty("total").GetInt64());
        Assert.Equal(["astrologer.reactivated", "astrologer.deactivated", "account.invitation-issued", "astrologer.created"],
            all.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal("astrologer.deactivated", Assert.Single(page.GetProperty("items").EnumerateArray()).GetProperty("kind").GetString());
        var actor = Assert.Single(kind.GetProperty("items").EnumerateArray()).GetProperty("actor").GetString()!;
        var byActor = await admin.GetFromJsonAsync<JsonElement>(Url($"/api/v1/admin/audit?actor={actor}&accountId={id}"));
        Assert.Equal(4, byActor.GetProperty("total").GetInt64());
        Assert.Equal(0, future.GetProperty("total").GetInt64());
        Assert.True((await ErrorsOf(bad)).TryGetProperty("from", out _));
    }

    [Fact]
    public async Task Health_reports_the_ledger_check_payments_sign_ins_and_the_process()
    {
        var admin = await AdminAsync();

        var health = await admin.GetFromJsonAsync<JsonElement>(Url("/api/v1/admin/health"));

        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal("not-checked-yet", health.GetProperty("ledger").GetProperty("state").GetString());
        Assert.Equal(0, health.GetProperty("payments").GetProperty("webhookFailures24h").GetInt32());
        Assert.Equal(0, health.GetProperty("payments").GetProperty("pendingTopUps24h").GetInt32());
        Assert.Equal(0, health.GetProperty("liveCircuits").GetInt32());
        Assert.Equal(0, health.GetProperty("liveConsultations").GetInt32());
        Assert.Equal(Environment.ProcessorCount, health.GetProperty("process").GetProperty("processorCount").GetInt32());
        Assert.True(health.GetProperty("process").GetProperty("workingSetBytes").GetInt64() > 10_000_000);
        Assert.InRange(health.GetProperty("process").GetProperty("cpuPercent").GetDouble(), 0, 100);
        Assert.EndsWith("Z", health.GetProperty("checkedAt").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_astrologer_cannot_use_admin_routes_even_on_their_own_account()
    {
        var admin = await AdminAsync();
        var (id, email, token) = await OnboardAsync(admin);
        await AcceptAsync(token);
        var astrologer = _api.WithToken((await _api.LoginOkAsync(email)).GetProperty("accessToken").GetString()!);

        Assert.Equal(HttpStatusCode.Forbidden, (await astrologer.PutAsJsonAsync(Url($"/api/v1/admin/astrologers/{id}"), Onboarding(email) )).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await astrologer.PostAsync(Url($"/api/v1/admin/astrologers/{id}/reactivate"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await astrologer.PutAsJsonAsync(Url("/api/v1/admin/settings"), new { commissionBasisPoints = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await astrologer.PostAsJsonAsync(Url($"/api/v1/admin/users/{id}/wallet/adjustments"), new { amount = 100, reason = "x", idempotencyKey = "x" })).StatusCode);
    }
}

/// <summary>A host whose invitations live one second.</summary>
public sealed class ShortInvitationFixture : IDisposable
{
    public ShortInvitationFixture()
    {
        Factory.Settings["Admin:InvitationLifetime"] = "00:00:01";
        _ = Factory.Services;
    }

    public StarSyncAppFactory Factory { get; } = new();

    public void Dispose() => Factory.Dispose();
}

public sealed class InvitationExpiryTests(ShortInvitationFixture host) : IClassFixture<ShortInvitationFixture>
{
    [Fact]
    public async Task An_expired_invitation_says_so_and_sets_nothing()
    {
        var api = new AuthApiClient(host.Factory);
        var admin = await api.CreateAccountAsync(AccountRole.Admin);
        var client = api.WithToken((await api.LoginOkAsync(admin.Email)).GetProperty("accessToken").GetString()!);
        var email = $"astro-{Guid.NewGuid():N}@example.com";
        var created = await (await client.PostAsJsonAsync(new Uri("/api/v1/admin/astrologers", UriKind.Relative), AdminApiTests.Onboarding(email))).Content.ReadFromJsonAsync<JsonElement>();
        var url = created.GetProperty("invitation").GetProperty("url").GetString()!;

        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var late = await api.Anonymous().PostAsJsonAsync(new Uri("/api/v1/auth/invitation", UriKind.Relative), new { token = url[(url.LastIndexOf('/') + 1)..], password = AuthApiClient.Password });

        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        var message = (await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("token")[0].GetString();
        Assert.Equal("This invitation link has expired. Ask the StarSync team for a new one.", message);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.LoginAsync(email)).StatusCode);
    }
}
