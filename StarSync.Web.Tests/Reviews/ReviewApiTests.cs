using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using StarSync.Engine.Accounts;
using StarSync.Engine.Platform;
using StarSync.Engine.Storage;
using StarSync.Engine.Storage.Lite;
using StarSync.Web.Consultations;
using StarSync.Web.Hosting;
using StarSync.Web.Reviews;
using StarSync.Web.Tests.Consultations;
using StarSync.Web.Tests.Infrastructure;

namespace StarSync.Web.Tests.Reviews;

/// <summary>
/// The real app whose reviews run on a manual clock (starting at the real time): the review store stamps creation and
/// edits with it and the review service judges the seven-day edit window by it. Consultations and sign-in keep real time.
/// </summary>
public sealed class ReviewHostFactory : StarSyncAppFactory
{
    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            // Over the app's own LiteDB file; every consumer (directory, moderation, pages) resolves this one.
            services.AddSingleton<IReviewStore>(sp => new LiteReviewStore(sp.GetRequiredService<StorageSetup>().Lite!, Clock));
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ReviewService>(sp, (TimeProvider)Clock));
        });
    }
}

public sealed class ReviewHostFixture : IDisposable
{
    public ReviewHostFactory Factory { get; } = new();

    public void Dispose() => Factory.Dispose();
}

/// <summary>Consultations made through the real API for review tests: rate ₹10/min, minute 60 s.</summary>
public sealed class ReviewParties(StarSyncAppFactory factory)
{
    public ConsultationApiParties P { get; } = new(factory);

    public static Uri Url(string path) => ConsultationApiParties.Url(path);

    /// <summary>An ended consultation. <paramref name="astrologerWrites"/>: the astrologer's first message keeps minute 1 paid; without it minute 1 is refunded.</summary>
    public async Task<string> EndedAsync((string Id, HttpClient Client) user, (string Id, HttpClient Client) astrologer, bool astrologerWrites = true)
    {
        var id = await LiveAsync(user, astrologer);
        if (astrologerWrites)
        {
            await P.Service<ConsultationService>().MessageSentAsync(id, astrologer.Id);
        }

        await ConsultationApiParties.ActOkAsync(user.Client, id, "end");
        return id;
    }

    public static async Task<string> LiveAsync((string Id, HttpClient Client) user, (string Id, HttpClient Client) astrologer)
    {
        var id = (await ConsultationApiParties.RequestOkAsync(user.Client, astrologer.Id)).GetProperty("id").GetString()!;
        await ConsultationApiParties.ActOkAsync(astrologer.Client, id, "accept");
        return id;
    }

    public static Task<HttpResponseMessage> WriteAsync(HttpClient client, string consultationId, object body) =>
        client.PostAsJsonAsync(Url($"/api/v1/consultations/{consultationId}/review"), body);

    public static async Task<JsonElement> WriteOkAsync(HttpClient client, string consultationId, int rating, string text)
    {
        var response = await WriteAsync(client, consultationId, new { rating, text });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> ProblemOf(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<string[]> ErrorKeysAsync(HttpResponseMessage response) =>
        [.. (await ProblemOf(response, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(p => p.Name)];
}

/// <summary>Reviews over the real host: who may write, when, how often, edits, replies, the public list and the rating.</summary>
public sealed class ReviewApiTests(ReviewHostFixture host) : IClassFixture<ReviewHostFixture>
{
    private readonly ReviewParties _r = new(host.Factory);

    private ConsultationApiParties P => _r.P;

    private static Uri Url(string path) => ReviewParties.Url(path);

    [Fact]
    public async Task The_user_reviews_an_ended_paid_consultation_once_and_both_parties_read_it()
    {
        var astrologer = await P.AstrologerAsync();
        var user = await P.UserAsync(10_000);
        var id = await _r.EndedAsync(user, astrologer);

        var created = await ReviewParties.WriteAsync(user.Client, id, new { rating = 5, text = "  Clear and kind guidance.  " });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/v1/consultations/{id}/review", created.Headers.Location!.OriginalString);
        var review = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(5, review.GetProperty("rating").GetInt32());
        Assert.Equal("Clear and kind guidance.", review.GetProperty("text").GetString());
        Assert.Equal(id, review.GetProperty("consultationId").GetString());
        Assert.Equal(astrologer.Id, review.GetProperty("astrologerId").GetString());
        Assert.EndsWith("Z", review.GetProperty("createdAt").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, review.GetProperty("editedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, review.GetProperty("reply").ValueKind);
        Assert.False(review.GetProperty("hidden").GetBoolean());
        var createdAt = DateTimeOffset.Parse(review.GetProperty("createdAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(createdAt.AddDays(7), DateTimeOffset.Parse(review.GetProperty("editableUntil").GetString()!, System.Globalization.CultureInfo.InvariantCulture));

        var again = await ReviewParties.WriteAsync(user.Client, id, new { rating = 1, text = "changed my mind" });
        Assert.Equal("Already reviewed", (await ReviewParties.ProblemOf(again, HttpStatusCode.Conflict)).GetProperty("title").GetString());

        var byUser = await user.Client.GetFromJsonAsync<JsonElement>(Url($"/api/v1/consultations/{id}/review"));
        var byAstrologer = await astrologer.Client.GetFromJsonAsync<JsonElement>(Url($"/api/v1/consultations/{id}/review"));
        Assert.Equal(review.GetProperty("id").GetString(), byUser.GetProperty("id").GetString());
        Assert.Equal(5, byAstrologer.GetProperty("rating").GetInt32());
        Assert.Equal("Clear and kind guidance.", byAstrologer.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Consultations_without_a_kept_paid_minute_or_not_ended_cannot_be_reviewed()
    {
        var astrologer = await P.AstrologerAsync();
        var user = await P.UserAsync(30_000);

        var live = await ReviewParties.LiveAsync(user, astrologer);
        var notEnded = await ReviewParties.WriteAsync(user.Client, live, new { rating = 5, text = "" });
        Assert.Equal("not-ended", (await ReviewParties.ProblemOf(notEnded, HttpStatusCode.Conflict)).GetProperty("reason").GetString());
        await ConsultationApiParties.ActOkAsync(user.Client, live, "end");

        // No astrologer message inside minute 1: the minute is refunded, nothing paid stands.
        var refunded = await _r.EndedAsync(user, astrologer, astrologerWrites: false);
        var consultation = await user.Client.GetFromJsonAsync<JsonElement>(Url($"/api/v1/consultations/{refunded}"));
        Assert.Equal(1_000, consultation.GetProperty("charged").GetInt64());
        Assert.Equal(1_000, consultation.GetProperty("refunded").GetInt64());
        var refundedOnly = await ReviewParties.WriteAsync(user.Client, refunded, new { rating = 1, text = "No answer" });
        var problem = await ReviewParties.ProblemOf(refundedOnly, HttpStatusCode.Conflict);
        Assert.Equal("no-paid-minute", problem.GetProperty("reason").GetString());

        // A cancelled request never went live.
        var requested = (await ConsultationApiParties.RequestOkAsync(user.Client, astrologer.Id)).GetProperty("id").GetString()!;
        await ConsultationApiParties.ActOkAsync(user.Client, requested, "cancel");
        var cancelled = await ReviewParties.WriteAsync(user.Client, requested, new { rating = 3, text = "" });
        Assert.Equal("not-ended", (await ReviewParties.ProblemOf(cancelled, HttpStatusCode.Conflict)).GetProperty("reason").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await user.Client.GetAsync(Url($"/api/v1/consultations/{refunded}/review"))).StatusCode);
    }

    [Fact]
    public async Task A_consultation_paid_only_with_free_minutes_cannot_be_reviewed()
    {
        var settings = P.Service<IPlatformSettingsStore>();
        var before = await settings.GetAsync() ?? new PlatformSettings();
        var promoted = await settings.SaveAsync(before with { FreeFirstConsultation = true, FreeFirstConsultationMinutes = 5 }, "test-admin");
        Assert.NotNull(promoted);
        string id;
        (string Id, HttpClient Client) user;
        try
        {
            var astrologer = await P.AstrologerAsync();
            user = await P.UserAsync(10_000);
            id = await _r.EndedAsync(user, astrologer);
        }
        finally
        {
            Assert.NotNull(await settings.SaveAsync(promoted with { FreeFirstConsultation = false }, "test-admin"));
        }

        var consultation = await user.Client.GetFromJsonAsync<JsonElement>(Url($"/api/v1/consultations/{id}"));
        Assert.Equal(1, consultation.GetProperty("billedMinutes").GetInt32());
        Assert.Equal(0, consultation.GetProperty("charged").GetInt64());
        var response = await ReviewParties.WriteAsync(user.Client, id, new { rating = 5, text = "Free and good" });
        Assert.Equal("no-paid-minute", (await ReviewParties.ProblemOf(response, HttpStatusCode.Conflict)).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task For_anyone_but_the_user_the_consultation_does_not_exist()
    {
        var astrologer = await P.AstrologerAsync();
        var user = await P.UserAsync(10_000);
        var id = await _r.EndedAsync(user, astrologer);
        var stranger = await P.UserAsync(0);
        var otherAstrologer = await P.AstrologerAsync();
        var admin = await P.SignInAsync(AccountRole.Admin);

        foreach (var outsider in new[] { stranger.Client, astrologer.Client, otherAstrologer.Client, admin.Client })
        {
            // 404 before the body is looked at: even an invalid body does not reveal the consultation.
            Assert.Equal(HttpStatusCode.NotFound, (await ReviewParties.WriteAsync(outsider, id, new { rating = 5, text = "fake" })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await ReviewParties.WriteAsync(outsider, id, new { rating = 99 })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.PutAsJsonAsync(Url($"/api/v1/consultations/{id}/review"), new { rating = 1, text = "" })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await ReviewParties.WriteAsync(user.Client, "no-such-consultation", new { rating = 5, text = "" })).StatusCode);
        await ReviewParties.WriteOkAsync(user.Client, id, 4, "Good");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync(Url($"/api/v1/consultations/{id}/review"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAstrologer.Client.GetAsync(Url($"/api/v1/consultations/{id}/review"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Client.GetAsync(Url($"/api/v1/consultations/{id}/review"))).StatusCode);
    }

    [Fact]
    public async Task Bad_input_answers_400_keyed_by_field()
    {
        var astrologer = await P.AstrologerAsync();
        var user = await P.UserAsync(10_000);
        var id = await _r.EndedAsync(user, astrologer);

        Assert.Equal(["rating"], await ReviewParties.ErrorKeysAsync(await ReviewParties.WriteAsync(user.Client, id, new { rating = 0, text = "" })));
        Assert.Equal(["rating"], await ReviewParties.ErrorKeysAsync(await ReviewParties.WriteAsync(user.Client, id, new { rating = 6, text = "" })));
        Assert.Equal(["rating"], await ReviewParties.ErrorKeysAsync(await ReviewParties.WriteAsync(user.Client, id, new { text = "no stars" })));
        Assert.Equal(["rating"], await ReviewParties.ErrorKeysAsync(await ReviewParties.WriteAsync(user.Client, id, new { rating = 4.5, text = "" })));
        Assert.Equal(["text"], await ReviewParties.ErrorKeysAsync(await ReviewParties.WriteAsync(user.Client, id, new { rating = 3, text = new string('a', 2_001) })));
        Assert.Equal(["rating", "text"], (await ReviewParties.ErrorKeysAsync(await ReviewParties.WriteAsync(user.Client, id, new { rating = 7, text = new string('a', 2_001) }))).Order());
        Assert.Equal(["text"], await ReviewParties.ErrorKeysAsync(await ReviewParties.WriteAsync(user.Client, id, new { rating = 3, text = 12 })));
        var malformed = await user.Client.PostAsync(Url($"/api/v1/consultations/{id}/review"), new StringContent("{\"rating\": ", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);

        // The longest text and no text at all are fine.
        var longest = await ReviewParties.WriteOkAsync(user.Client, id, 3, " " + new string('a', 2_000) + " ");
        Assert.Equal(2_000, longest.GetProperty("text").GetString()!.Length);
    }

    [Fact]
    public async Task The_author_edits_for_seven_days_and_then_gets_409()
    {
        var astrologer = await P.AstrologerAsync();
        var user = await P.UserAsync(10_000);
        var id = await _r.EndedAsync(user, astrologer);
        var written = await ReviewParties.WriteOkAsync(user.Client, id, 2, "Too short");

        host.Factory.Clock.Advance(TimeSpan.FromDays(6.9));
        var edit = await user.Client.PutAsJsonAsync(Url($"/api/v1/consultations/{id}/review"), new { rating = 4, text = "  On reflection, helpful " });
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        var edited = await edit.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(4, edited.GetProperty("rating").GetInt32());
        Assert.Equal("On reflection, helpful", edited.GetProperty("text").GetString());
        Assert.Equal(written.GetProperty("id").GetString(), edited.GetProperty("id").GetString());
        Assert.Equal(written.GetProperty("createdAt").GetString(), edited.GetProperty("createdAt").GetString());
        Assert.EndsWith("Z", edited.GetProperty("editedAt").GetString(), StringComparison.Ordinal);

        host.Factory.Clock.Advance(TimeSpan.FromDays(0.1));
        var late = await user.Client.PutAsJsonAsync(Url($"/api/v1/consultations/{id}/review"), new { rating = 1, text = "too late" });
        var problem = await ReviewParties.ProblemOf(late, HttpStatusCode.Conflict);
        Assert.Equal("The review can no longer be edited", problem.GetProperty("title").GetString());
        Assert.Equal(written.GetProperty("editableUntil").GetString(), problem.GetProperty("editableUntil").GetString());
        var stored = await user.Client.GetFromJsonAsync<JsonElement>(Url($"/api/v1/consultations/{id}/review"));
        Assert.Equal(4, stored.GetProperty("rating").GetInt32());

        // Editing a consultation never reviewed: there is nothing to edit.
        var other = await _r.EndedAsync(user, astrologer);
        Assert.Equal(HttpStatusCode.NotFound, (await user.Client.PutAsJsonAsync(Url($"/api/v1/consultations/{other}/review"), new { rating = 1, text = "" })).StatusCode);
    }

    [Fact]
    public async Task The_astrologer_replies_once_and_only_to_their_own_reviews()
    {
        var astrologer = await P.AstrologerAsync();
        var otherAstrologer = await P.AstrologerAsync();
        var user = await P.UserAsync(10_000);
        var id = await _r.EndedAsync(user, astrologer);
        var reviewId = (await ReviewParties.WriteOkAsync(user.Client, id, 5, "Thank you!")).GetProperty("id").GetString()!;
        Uri reply = Url($"/api/v1/reviews/{reviewId}/reply");

        Assert.Equal(HttpStatusCode.NotFound, (await otherAstrologer.Client.PostAsJsonAsync(reply, new { text = "Not mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.Client.PostAsJsonAsync(reply, new { text = "I reply to myself" })).StatusCode);
        Assert.Equal(["text"], await ReviewParties.ErrorKeysAsync(await astrologer.Client.PostAsJsonAsync(reply, new { text = "   " })));
        Assert.Equal(["text"], await ReviewParties.ErrorKeysAsync(await astrologer.Client.PostAsJsonAsync(reply, new { text = new string('b', 2_001) })));

        var first = await astrologer.Client.PostAsJsonAsync(reply, new { text = "  Blessings to you <3  " });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var replied = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Blessings to you <3", replied.GetProperty("reply").GetProperty("text").GetString());
        Assert.EndsWith("Z", replied.GetProperty("reply").GetProperty("createdAt").GetString(), StringComparison.Ordinal);

        var second = await astrologer.Client.PostAsJsonAsync(reply, new { text = "Another" });
        Assert.Equal("Already replied", (await ReviewParties.ProblemOf(second, HttpStatusCode.Conflict)).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await astrologer.Client.PostAsJsonAsync(Url("/api/v1/reviews/no-such-review/reply"), new { text = "x" })).StatusCode);

        var seen = await user.Client.GetFromJsonAsync<JsonElement>(Url($"/api/v1/consultations/{id}/review"));
        Assert.Equal("Blessings to you <3", seen.GetProperty("reply").GetProperty("text").GetString());
    }

    [Fact]
    public async Task The_public_list_is_newest_first_with_first_name_and_initial_and_the_rating_follows_every_review()
    {
        var astrologer = await P.AstrologerAsync();
        var ratings = new[] { 5, 4, 2 };
        var reviewIds = new List<string>();
        foreach (var (rating, i) in ratings.Select((r, i) => (r, i)))
        {
            var user = await P.UserAsync(10_000);
            await P.Service<IAccountStore>().UpdateNameAsync(user.Id, i == 0 ? "Asha Devi Rao" : "Vikram");
            var id = await _r.EndedAsync(user, astrologer);
            reviewIds.Add((await ReviewParties.WriteOkAsync(user.Client, id, rating, "<script>alert('x')</script> review " + i)).GetProperty("id").GetString()!);
            host.Factory.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var anonymous = host.Factory.CreateClient();
        var page = await anonymous.GetFromJsonAsync<JsonElement>(Url($"/api/v1/astrologers/{astrologer.Id}/reviews?page=1&pageSize=2"));
        Assert.Equal(3, page.GetProperty("total").GetInt64());
        var items = page.GetProperty("items");
        Assert.Equal([reviewIds[2], reviewIds[1]], items.EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.Equal("Vikram", items[0].GetProperty("authorName").GetString());
        Assert.Equal("<script>alert('x')</script> review 2", items[0].GetProperty("text").GetString());
        Assert.Equal(2, items[0].GetProperty("rating").GetInt32());
        Assert.Equal(JsonValueKind.Null, items[0].GetProperty("reply").ValueKind);
        Assert.Equal(["id", "rating", "text", "authorName", "createdAt", "editedAt", "reply"], items[0].EnumerateObject().Select(p => p.Name));
        var last = await anonymous.GetFromJsonAsync<JsonElement>(Url($"/api/v1/astrologers/{astrologer.Id}/reviews?page=2&pageSize=2"));
        Assert.Equal("Asha R.", Assert.Single(last.GetProperty("items").EnumerateArray()).GetProperty("authorName").GetString());

        var listed = await anonymous.GetFromJsonAsync<JsonElement>(Url($"/api/v1/astrologers/{astrologer.Id}"));
        Assert.Equal(11.0 / 3, listed.GetProperty("astrologer").GetProperty("rating").GetDouble(), 9);
        Assert.Equal(3, listed.GetProperty("astrologer").GetProperty("reviewCount").GetInt32());
        var directory = await anonymous.GetFromJsonAsync<JsonElement>(Url("/api/v1/astrologers"));
        var card = directory.EnumerateArray().Single(a => a.GetProperty("id").GetString() == astrologer.Id);
        Assert.Equal(3, card.GetProperty("reviewCount").GetInt32());
        Assert.Equal(11.0 / 3, card.GetProperty("rating").GetDouble(), 9);

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(Url("/api/v1/astrologers/no-such-astrologer/reviews"))).StatusCode);
        Assert.Equal(["pageSize"], await ReviewParties.ErrorKeysAsync(await anonymous.GetAsync(Url($"/api/v1/astrologers/{astrologer.Id}/reviews?pageSize=101"))));
        Assert.Equal(["page"], await ReviewParties.ErrorKeysAsync(await anonymous.GetAsync(Url($"/api/v1/astrologers/{astrologer.Id}/reviews?page=0"))));
    }

    [Fact]
    public async Task Concurrent_reviews_of_one_astrologer_lose_no_count()
    {
        var astrologer = await P.AstrologerAsync();
        var consultations = new List<((string Id, HttpClient Client) User, string Id)>();
        for (var i = 0; i < 6; i++)
        {
            var user = await P.UserAsync(10_000);
            consultations.Add((user, await _r.EndedAsync(user, astrologer)));
        }

        await Task.WhenAll(consultations.Select((c, i) => ReviewParties.WriteOkAsync(c.User.Client, c.Id, i % 5 + 1, "parallel " + i)));

        var listed = await host.Factory.CreateClient().GetFromJsonAsync<JsonElement>(Url($"/api/v1/astrologers/{astrologer.Id}"));
        Assert.Equal(6, listed.GetProperty("astrologer").GetProperty("reviewCount").GetInt32());
        // Ratings 1, 2, 3, 4, 5, 1: 16 stars over 6 reviews.
        Assert.Equal(16.0 / 6, listed.GetProperty("astrologer").GetProperty("rating").GetDouble(), 9);
    }

    [Fact]
    public async Task An_astrologer_without_reviews_has_no_rating_and_an_empty_list()
    {
        var astrologer = await P.AstrologerAsync();
        var anonymous = host.Factory.CreateClient();

        var listed = await anonymous.GetFromJsonAsync<JsonElement>(Url($"/api/v1/astrologers/{astrologer.Id}"));
        var reviews = await anonymous.GetFromJsonAsync<JsonElement>(Url($"/api/v1/astrologers/{astrologer.Id}/reviews"));

        Assert.Equal(JsonValueKind.Null, listed.GetProperty("astrologer").GetProperty("rating").ValueKind);
        Assert.Equal(0, listed.GetProperty("astrologer").GetProperty("reviewCount").GetInt32());
        Assert.Equal(0, reviews.GetProperty("total").GetInt64());
        Assert.Equal(0, reviews.GetProperty("items").GetArrayLength());
    }
}
