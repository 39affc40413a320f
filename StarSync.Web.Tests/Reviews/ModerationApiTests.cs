using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;
using StarSync.Web.Tests.Consultations;

namespace StarSync.Web.Tests.Reviews;

/// <summary>Reports of reviews and chat messages, what admins do with them, and admins reading a chat for a stated reason.</summary>
public sealed class ModerationApiTests(ReviewHostFixture host) : IClassFixture<ReviewHostFixture>
{
    private readonly ReviewParties _r = new(host.Factory);

    private ConsultationApiParties P => _r.P;

    private static Uri Url(string path) => ReviewParties.Url(path);

    private async Task<(string ReviewId, string ConsultationId, (string Id, HttpClient Client) User, (string Id, HttpClient Client) Astrologer)> ReviewedAsync(int rating = 1, string text = "Useless and rude")
    {
        var astrologer = await P.AstrologerAsync();
        var user = await P.UserAsync(10_000);
        var id = await _r.EndedAsync(user, astrologer);
        var review = await ReviewParties.WriteOkAsync(user.Client, id, rating, text);
        return (review.GetProperty("id").GetString()!, id, user, astrologer);
    }

    private async Task<IReadOnlyList<AuditEntry>> AuditAsync(string kind, string actor) =>
        (await P.Service<IAuditLog>().QueryAsync(new AuditQuery { Kind = kind, Actor = actor, Take = 50 })).Items;

    private static Task<HttpResponseMessage> ReportReviewAsync(HttpClient client, string reviewId, object body) =>
        client.PostAsJsonAsync(Url($"/api/v1/reviews/{reviewId}/report"), body);

    [Fact]
    public async Task Any_signed_in_account_reports_a_review_once_with_a_reason_and_it_is_audited()
    {
        var (reviewId, consultationId, user, astrologer) = await ReviewedAsync();
        var reader = await P.UserAsync(0);

        Assert.Equal(["reason"], await ReviewParties.ErrorKeysAsync(await ReportReviewAsync(reader.Client, reviewId, new { reason = "   " })));
        Assert.Equal(["reason"], await ReviewParties.ErrorKeysAsync(await ReportReviewAsync(reader.Client, reviewId, new { })));
        var created = await ReportReviewAsync(reader.Client, reviewId, new { reason = "  Insults the astrologer's family " });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var report = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("review", report.GetProperty("kind").GetString());
        Assert.Equal("open", report.GetProperty("status").GetString());
        Assert.Equal("Insults the astrologer's family", report.GetProperty("reason").GetString());
        Assert.Equal(reviewId, report.GetProperty("reviewId").GetString());
        Assert.Equal(consultationId, report.GetProperty("consultationId").GetString());

        var again = await ReportReviewAsync(reader.Client, reviewId, new { reason = "Once more" });
        Assert.Equal("Already reported", (await ReviewParties.ProblemOf(again, HttpStatusCode.Conflict)).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Created, (await ReportReviewAsync(astrologer.Client, reviewId, new { reason = "Defamatory" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ReportReviewAsync(reader.Client, "no-such-review", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ReportReviewAsync(host.Factory.CreateClient(), reviewId, new { reason = "x" })).StatusCode);

        var audited = Assert.Single(await AuditAsync("review.reported", reader.Id));
        Assert.Equal(user.Id, audited.AccountId);
        Assert.Contains(reviewId, audited.Detail, StringComparison.Ordinal);
        Assert.Contains("reason: Insults the astrologer's family", audited.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Either_party_reports_the_other_partys_message_once_and_outsiders_find_nothing()
    {
        var astrologer = await P.AstrologerAsync();
        var user = await P.UserAsync(10_000);
        var id = await ReviewParties.LiveAsync(user, astrologer);
        Assert.Equal(HttpStatusCode.Created, (await user.Client.PostAsJsonAsync(Url($"/api/v1/consultations/{id}/messages"), new { text = "Hello" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await astrologer.Client.PostAsJsonAsync(Url($"/api/v1/consultations/{id}/messages"), new { text = "Pay me outside the app" })).StatusCode);
        var outsider = await P.UserAsync(0);
        var admin = await P.SignInAsync(AccountRole.Admin);

        var byUser = await user.Client.PostAsJsonAsync(Url($"/api/v1/consultations/{id}/messages/2/report"), new { reason = "Asks for money outside" });
        Assert.Equal(HttpStatusCode.Created, byUser.StatusCode);
        var report = await byUser.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("message", report.GetProperty("kind").GetString());
        Assert.Equal(2, report.GetProperty("seq").GetInt64());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("reviewId").ValueKind);

        var again = await user.Client.PostAsJsonAsync(Url($"/api/v1/consultations/{id}/messages/2/report"), new { reason = "Again" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(["seq"], await ReviewParties.ErrorKeysAsync(await user.Client.PostAsJsonAsync(Url($"/api/v1/consultations/{id}/messages/1/report"), new { reason = "My own" })));
        Assert.Equal(["reason"], await ReviewParties.ErrorKeysAsync(await astrologer.Client.PostAsJsonAsync(Url($"/api/v1/consultations/{id}/messages/1/report"), new { reason = "" })));
        Assert.Equal(HttpStatusCode.Created, (await astrologer.Client.PostAsJsonAsync(Url($"/api/v1/consultations/{id}/messages/1/report"), new { reason = "Spam" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await user.Client.PostAsJsonAsync(Url($"/api/v1/consultations/{id}/messages/9/report"), new { reason = "No such" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await user.Client.PostAsJsonAsync(Url($"/api/v1/consultations/{id}/messages/abc/report"), new { reason = "No such" })).StatusCode);
        foreach (var stranger in new[] { outsider.Client, admin.Client })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync(Url($"/api/v1/consultations/{id}/messages/2/report"), new { reason = "Nosy" })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync(Url($"/api/v1/consultations/{id}/messages/2/report"), new { reason = "" })).StatusCode);
        }

        var audited = Assert.Single(await AuditAsync("message.reported", user.Id));
        Assert.Equal(astrologer.Id, audited.AccountId);
        Assert.Contains($"message 2 of consultation {id}", audited.Detail, StringComparison.Ordinal);
        Assert.Contains("reason: Asks for money outside", audited.Detail, StringComparison.Ordinal);
        await ConsultationApiParties.ActOkAsync(user.Client, id, "end");
    }

    [Fact]
    public async Task Admins_list_reports_open_first_resolve_once_and_every_resolution_is_audited()
    {
        var admin = await P.SignInAsync(AccountRole.Admin);
        var (reviewId, _, _, _) = await ReviewedAsync(1, "<b>Fraud</b> astrologer");
        var reporter = await P.UserAsync(0);
        await P.Service<IAccountStore>().UpdateNameAsync(reporter.Id, "Meera Iyer");
        var reportId = (await (await ReportReviewAsync(reporter.Client, reviewId, new { reason = "Abusive" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var open = await admin.Client.GetFromJsonAsync<JsonElement>(Url("/api/v1/admin/reports?status=open&pageSize=100"));
        var row = open.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("id").GetString() == reportId);
        Assert.Equal("Meera Iyer", row.GetProperty("reporterName").GetString());
        Assert.Equal("<b>Fraud</b> astrologer", row.GetProperty("review").GetProperty("text").GetString());
        Assert.Equal(1, row.GetProperty("review").GetProperty("rating").GetInt32());
        Assert.False(row.GetProperty("review").GetProperty("hidden").GetBoolean());

        var resolve = await admin.Client.PostAsync(Url($"/api/v1/admin/reports/{reportId}/resolve"), null);
        Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);
        var resolved = await resolve.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("resolved", resolved.GetProperty("status").GetString());
        Assert.Equal(admin.Id, resolved.GetProperty("resolvedBy").GetString());
        Assert.EndsWith("Z", resolved.GetProperty("resolvedAt").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.Client.PostAsync(Url($"/api/v1/admin/reports/{reportId}/resolve"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Client.PostAsync(Url("/api/v1/admin/reports/no-such-report/resolve"), null)).StatusCode);
        Assert.Contains(reportId, Assert.Single(await AuditAsync("report.resolved", admin.Id)).Detail, StringComparison.Ordinal);

        var stillOpen = await admin.Client.GetFromJsonAsync<JsonElement>(Url("/api/v1/admin/reports?status=open&pageSize=100"));
        Assert.DoesNotContain(stillOpen.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetString() == reportId);
        var closed = await admin.Client.GetFromJsonAsync<JsonElement>(Url("/api/v1/admin/reports?status=resolved&pageSize=100"));
        Assert.Contains(closed.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetString() == reportId);
        var all = await admin.Client.GetFromJsonAsync<JsonElement>(Url("/api/v1/admin/reports?pageSize=100"));
        var statuses = all.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("status").GetString()).ToList();
        Assert.Equal(statuses.OrderBy(s => s == "resolved"), statuses);
        Assert.Equal(["status"], await ReviewParties.ErrorKeysAsync(await admin.Client.GetAsync(Url("/api/v1/admin/reports?status=closed"))));
    }

    [Fact]
    public async Task A_hidden_review_leaves_the_public_list_and_the_rating_but_admins_still_see_it()
    {
        var admin = await P.SignInAsync(AccountRole.Admin);
        var astrologer = await P.AstrologerAsync();
        var kind = await P.UserAsync(10_000);
        var abusive = await P.UserAsync(10_000);
        await ReviewParties.WriteOkAsync(kind.Client, await _r.EndedAsync(kind, astrologer), 5, "Wonderful");
        var hiddenId = (await ReviewParties.WriteOkAsync(abusive.Client, await _r.EndedAsync(abusive, astrologer), 1, "abuse")).GetProperty("id").GetString()!;
        var reporter = await P.UserAsync(0);
        Assert.Equal(HttpStatusCode.Created, (await ReportReviewAsync(reporter.Client, hiddenId, new { reason = "Abusive words" })).StatusCode);
        var anonymous = host.Factory.CreateClient();
        Assert.Equal(3.0, (await anonymous.GetFromJsonAsync<JsonElement>(Url($"/api/v1/astrologers/{astrologer.Id}"))).GetProperty("astrologer").GetProperty("rating").GetDouble());

        var hide = await admin.Client.PostAsync(Url($"/api/v1/admin/reviews/{hiddenId}/hide"), null);
        Assert.Equal(HttpStatusCode.OK, hide.StatusCode);
        Assert.True((await hide.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hidden").GetBoolean());

        var listed = await anonymous.GetFromJsonAsync<JsonElement>(Url($"/api/v1/astrologers/{astrologer.Id}/reviews"));
        Assert.Equal(["Wonderful"], listed.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("text").GetString()));
        Assert.Equal(1, listed.GetProperty("total").GetInt64());
        var profile = (await anonymous.GetFromJsonAsync<JsonElement>(Url($"/api/v1/astrologers/{astrologer.Id}"))).GetProperty("astrologer");
        Assert.Equal(5.0, profile.GetProperty("rating").GetDouble());
        Assert.Equal(1, profile.GetProperty("reviewCount").GetInt32());
        var reports = await admin.Client.GetFromJsonAsync<JsonElement>(Url("/api/v1/admin/reports?pageSize=100"));
        var row = reports.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("review").ValueKind == JsonValueKind.Object && r.GetProperty("review").GetProperty("id").GetString() == hiddenId);
        Assert.True(row.GetProperty("review").GetProperty("hidden").GetBoolean());
        Assert.Equal("abuse", row.GetProperty("review").GetProperty("text").GetString());
        // The author still sees their own review, marked hidden; nobody can report it any more.
        Assert.True((await abusive.Client.GetFromJsonAsync<JsonElement>(Url($"/api/v1/consultations/{row.GetProperty("consultationId").GetString()}/review"))).GetProperty("hidden").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await ReportReviewAsync((await P.UserAsync(0)).Client, hiddenId, new { reason = "late" })).StatusCode);

        var unhide = await admin.Client.PostAsync(Url($"/api/v1/admin/reviews/{hiddenId}/unhide"), null);
        Assert.False((await unhide.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hidden").GetBoolean());
        Assert.Equal(2, (await anonymous.GetFromJsonAsync<JsonElement>(Url($"/api/v1/astrologers/{astrologer.Id}"))).GetProperty("astrologer").GetProperty("reviewCount").GetInt32());
        Assert.Contains(hiddenId, Assert.Single(await AuditAsync("review.hidden", admin.Id)).Detail, StringComparison.Ordinal);
        Assert.Equal(abusive.Id, Assert.Single(await AuditAsync("review.unhidden", admin.Id)).AccountId);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Client.PostAsync(Url("/api/v1/admin/reviews/no-such-review/hide"), null)).StatusCode);
    }

    [Fact]
    public async Task Admins_read_a_chat_only_with_a_stated_reason_and_every_read_is_audited()
    {
        var astrologer = await P.AstrologerAsync();
        var user = await P.UserAsync(10_000);
        var id = await ReviewParties.LiveAsync(user, astrologer);
        await user.Client.PostAsJsonAsync(Url($"/api/v1/consultations/{id}/messages"), new { text = "Hello <b>guruji</b>" });
        await astrologer.Client.PostAsJsonAsync(Url($"/api/v1/consultations/{id}/messages"), new { text = "Namaste" });
        var admin = await P.SignInAsync(AccountRole.Admin);

        Assert.Equal(["reason"], await ReviewParties.ErrorKeysAsync(await admin.Client.GetAsync(Url($"/api/v1/admin/consultations/{id}/messages"))));
        Assert.Equal(["reason"], await ReviewParties.ErrorKeysAsync(await admin.Client.GetAsync(Url($"/api/v1/admin/consultations/{id}/messages?reason=%20%20too%20short%20%20"))));
        Assert.Empty(await AuditAsync("consultation.chat-read", admin.Id));

        var read = await admin.Client.GetAsync(Url($"/api/v1/admin/consultations/{id}/messages?reason={Uri.EscapeDataString("  Report 42: payment outside the app  ")}"));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var messages = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["Hello <b>guruji</b>", "Namaste"], messages.EnumerateArray().Select(m => m.GetProperty("text").GetString()));
        Assert.Equal(["user", "astrologer"], messages.EnumerateArray().Select(m => m.GetProperty("senderRole").GetString()));

        var audited = Assert.Single(await AuditAsync("consultation.chat-read", admin.Id));
        Assert.Equal(user.Id, audited.AccountId);
        Assert.StartsWith(id + ":", audited.Detail, StringComparison.Ordinal);
        Assert.Contains($"admin {admin.Id}", audited.Detail, StringComparison.Ordinal);
        Assert.EndsWith("reason: Report 42: payment outside the app", audited.Detail, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.Client.GetAsync(Url("/api/v1/admin/consultations/no-such-consultation/messages?reason=checking%20a%20report"))).StatusCode);
        Assert.Single(await AuditAsync("consultation.chat-read", admin.Id));
        Assert.Equal(HttpStatusCode.Forbidden, (await user.Client.GetAsync(Url($"/api/v1/admin/consultations/{id}/messages?reason=checking%20a%20report"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await astrologer.Client.GetAsync(Url($"/api/v1/admin/consultations/{id}/messages?reason=checking%20a%20report"))).StatusCode);
        await ConsultationApiParties.ActOkAsync(user.Client, id, "end");
    }
}
