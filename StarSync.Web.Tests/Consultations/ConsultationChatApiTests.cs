using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using StarSync.Engine.Accounts;
using StarSync.Engine.Consultations;
using StarSync.Engine.Storage;
using StarSync.Engine.Wallet;
using StarSync.Web.Consultations;
using StarSync.Web.Tests.Api;

namespace StarSync.Web.Tests.Consultations;

/// <summary>
/// The chat API over a real host (billing minute 60 s, so a consultation stays inside minute 1 during a test). Rate
/// ₹10/min (1 000 paise).
/// </summary>
public sealed class ConsultationChatApiTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>
{
    private readonly ConsultationApiParties _p = new(host.Factory);

    private static Uri Url(string path) => ConsultationApiParties.Url(path);

    private async Task<(string Id, (string Id, HttpClient Client) User, (string Id, HttpClient Client) Astrologer)> LiveAsync()
    {
        var astrologer = await _p.AstrologerAsync();
        var user = await _p.UserAsync(10_000);
        var id = (await ConsultationApiParties.RequestOkAsync(user.Client, astrologer.Id)).GetProperty("id").GetString()!;
        await ConsultationApiParties.ActOkAsync(astrologer.Client, id, "accept");
        return (id, user, astrologer);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string id, object body) =>
        client.PostAsJsonAsync(Url($"/api/v1/consultations/{id}/messages"), body);

    private static async Task<JsonElement> SendOkAsync(HttpClient client, string id, string text)
    {
        var response = await SendAsync(client, id, new { text });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> ListAsync(HttpClient client, string id, long after = 0) =>
        await client.GetFromJsonAsync<JsonElement>(Url($"/api/v1/consultations/{id}/messages?after={after}"));

    private static async Task<JsonElement> ProblemOf(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Both_parties_send_and_list_after_a_number_in_order()
    {
        var (id, user, astrologer) = await LiveAsync();

        var first = await SendOkAsync(user.Client, id, "  Namaste guruji, will I get the job?  ");
        var second = await SendOkAsync(astrologer.Client, id, "Namaste. Your Saturn dasha starts soon.");
        var third = await SendOkAsync(user.Client, id, "Thank you");

        Assert.Equal(1, first.GetProperty("seq").GetInt64());
        Assert.Equal("user", first.GetProperty("senderRole").GetString());
        Assert.Equal("Namaste guruji, will I get the job?", first.GetProperty("text").GetString());
        Assert.EndsWith("Z", first.GetProperty("sentAt").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, second.GetProperty("seq").GetInt64());
        Assert.Equal("astrologer", second.GetProperty("senderRole").GetString());
        Assert.Equal(3, third.GetProperty("seq").GetInt64());

        var all = await ListAsync(astrologer.Client, id);
        Assert.Equal([1L, 2L, 3L], all.EnumerateArray().Select(m => m.GetProperty("seq").GetInt64()));
        Assert.Equal(["user", "astrologer", "user"], all.EnumerateArray().Select(m => m.GetProperty("senderRole").GetString()));
        Assert.All(all.EnumerateArray(), m => Assert.Equal(JsonValueKind.Null, m.GetProperty("readAt").ValueKind));
        Assert.Equal(first.GetProperty("sentAt").GetString(), all[0].GetProperty("sentAt").GetString());

        var afterOne = await ListAsync(user.Client, id, after: 1);
        Assert.Equal(["Namaste. Your Saturn dasha starts soon.", "Thank you"], afterOne.EnumerateArray().Select(m => m.GetProperty("text").GetString()));
        Assert.Equal(0, (await ListAsync(user.Client, id, after: 3)).GetArrayLength());
        var limited = await user.Client.GetFromJsonAsync<JsonElement>(Url($"/api/v1/consultations/{id}/messages?after=0&limit=2"));
        Assert.Equal([1L, 2L], limited.EnumerateArray().Select(m => m.GetProperty("seq").GetInt64()));
    }

    [Fact]
    public async Task Both_parties_sending_at_once_get_distinct_numbers_without_gaps()
    {
        var (id, user, astrologer) = await LiveAsync();

        var sends = Enumerable.Range(0, 20).Select(i => SendOkAsync(i % 2 == 0 ? user.Client : astrologer.Client, id, "message " + i));
        var sent = await Task.WhenAll(sends);

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), sent.Select(m => m.GetProperty("seq").GetInt64()).Order());
        var listed = await ListAsync(user.Client, id);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), listed.EnumerateArray().Select(m => m.GetProperty("seq").GetInt64()));
        Assert.Equal(10, listed.EnumerateArray().Count(m => m.GetProperty("senderRole").GetString() == "astrologer"));
    }

    [Fact]
    public async Task Read_marks_stamp_only_the_other_partys_messages_up_to_the_number()
    {
        var (id, user, astrologer) = await LiveAsync();
        await SendOkAsync(user.Client, id, "one");
        await SendOkAsync(astrologer.Client, id, "two");
        await SendOkAsync(user.Client, id, "three");
        await SendOkAsync(user.Client, id, "four");

        var read = await astrologer.Client.PostAsJsonAsync(Url($"/api/v1/consultations/{id}/messages/read"), new { upTo = 3 });
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(2, (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("marked").GetInt32());

        var listed = await ListAsync(user.Client, id);
        Assert.Equal([true, false, true, false], listed.EnumerateArray().Select(m => m.GetProperty("readAt").ValueKind == JsonValueKind.String));
        Assert.EndsWith("Z", listed[0].GetProperty("readAt").GetString(), StringComparison.Ordinal);

        var again = await astrologer.Client.PostAsJsonAsync(Url($"/api/v1/consultations/{id}/messages/read"), new { upTo = 3 });
        Assert.Equal(0, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("marked").GetInt32());
        var byUser = await user.Client.PostAsJsonAsync(Url($"/api/v1/consultations/{id}/messages/read"), new { upTo = 4 });
        Assert.Equal(1, (await byUser.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("marked").GetInt32());
        listed = await ListAsync(astrologer.Client, id);
        Assert.Equal([true, true, true, false], listed.EnumerateArray().Select(m => m.GetProperty("readAt").ValueKind == JsonValueKind.String));
    }

    [Fact]
    public async Task Html_is_stored_and_returned_verbatim_as_plain_text()
    {
        var (id, user, astrologer) = await LiveAsync();
        const string html = "<script>alert('x')</script> & <b>bold</b> \"quoted\" &amp;";

        var sent = await SendOkAsync(user.Client, id, html);

        Assert.Equal(html, sent.GetProperty("text").GetString());
        Assert.Equal(html, (await ListAsync(astrologer.Client, id))[0].GetProperty("text").GetString());
        var stored = Assert.Single(await _p.Service<IConsultationMessageStore>().ListAfterAsync(id, 0, 10));
        Assert.Equal(html, stored.Text);
    }

    [Fact]
    public async Task Sending_answers_409_with_the_state_unless_the_consultation_is_active()
    {
        var astrologer = await _p.AstrologerAsync();
        var user = await _p.UserAsync(10_000);
        var id = (await ConsultationApiParties.RequestOkAsync(user.Client, astrologer.Id)).GetProperty("id").GetString()!;

        var beforeAccept = await ProblemOf(await SendAsync(user.Client, id, new { text = "hello?" }), HttpStatusCode.Conflict);
        Assert.Equal("requested", beforeAccept.GetProperty("state").GetString());

        await ConsultationApiParties.ActOkAsync(astrologer.Client, id, "accept");
        await SendOkAsync(astrologer.Client, id, "Namaste");
        await ConsultationApiParties.ActOkAsync(user.Client, id, "end");

        var afterEnd = await ProblemOf(await SendAsync(astrologer.Client, id, new { text = "one more thing" }), HttpStatusCode.Conflict);
        Assert.Equal("ended", afterEnd.GetProperty("state").GetString());
        // The chat stays readable after the end.
        var listed = await ListAsync(user.Client, id);
        Assert.Equal(["Namaste"], listed.EnumerateArray().Select(m => m.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task Anyone_but_the_two_parties_gets_404()
    {
        var (id, user, _) = await LiveAsync();
        await SendOkAsync(user.Client, id, "private");
        var stranger = await _p.UserAsync(0);
        var otherAstrologer = await _p.AstrologerAsync();
        var admin = await _p.SignInAsync(AccountRole.Admin);

        foreach (var outsider in new[] { stranger.Client, otherAstrologer.Client, admin.Client })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(outsider, id, new { text = "hi" })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(Url($"/api/v1/consultations/{id}/messages"))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsJsonAsync(Url($"/api/v1/consultations/{id}/messages/read"), new { upTo = 1 })).StatusCode);
            // Even with a body that would be refused: for an outsider the consultation does not exist.
            Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(outsider, id, new { text = "" })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(user.Client, "no-such-consultation", new { text = "hi" })).StatusCode);
        var listed = await ListAsync(user.Client, id);
        Assert.Equal(1, listed.GetArrayLength());
        Assert.Equal(JsonValueKind.Null, listed[0].GetProperty("readAt").ValueKind);
    }

    [Fact]
    public async Task Empty_too_long_missing_or_mistyped_input_answers_400_keyed_by_the_field()
    {
        var (id, user, astrologer) = await LiveAsync();

        foreach (var body in new object[] { new { text = "   " }, new { text = "" }, new { text = new string('x', 2_001) }, new { other = "x" }, new { text = 42 } })
        {
            var problem = await ProblemOf(await SendAsync(user.Client, id, body), HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("text", out _), problem.ToString());
        }

        var longest = await SendOkAsync(user.Client, id, " " + new string('x', 2_000) + " ");
        Assert.Equal(2_000, longest.GetProperty("text").GetString()!.Length);
        Assert.Equal(1, longest.GetProperty("seq").GetInt64());

        var badAfter = await ProblemOf(await user.Client.GetAsync(Url($"/api/v1/consultations/{id}/messages?after=-1")), HttpStatusCode.BadRequest);
        Assert.True(badAfter.GetProperty("errors").TryGetProperty("after", out _));
        var badLimit = await ProblemOf(await user.Client.GetAsync(Url($"/api/v1/consultations/{id}/messages?limit=501")), HttpStatusCode.BadRequest);
        Assert.True(badLimit.GetProperty("errors").TryGetProperty("limit", out _));
        foreach (var body in new object[] { new { }, new { upTo = 0 }, new { upTo = "three" } })
        {
            var problem = await ProblemOf(await astrologer.Client.PostAsJsonAsync(Url($"/api/v1/consultations/{id}/messages/read"), body), HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("upTo", out _), problem.ToString());
        }

        // Nothing invalid was stored.
        Assert.Equal(1, (await ListAsync(astrologer.Client, id)).GetArrayLength());
    }

    [Fact]
    public async Task An_astrologer_message_in_minute_one_keeps_it_paid_and_a_user_message_alone_does_not()
    {
        var (answered, answeredUser, answeredAstrologer) = await LiveAsync();
        await SendOkAsync(answeredUser.Client, answered, "Hello?");
        await SendOkAsync(answeredAstrologer.Client, answered, "Namaste, I am here.");
        var stored = await _p.Service<IConsultationStore>().GetAsync(answered);
        Assert.NotNull(stored!.AstrologerFirstMessageAt);

        var kept = await ConsultationApiParties.ActOkAsync(answeredUser.Client, answered, "end");

        Assert.Equal(1_000, kept.GetProperty("charged").GetInt64());
        Assert.Equal(0, kept.GetProperty("refunded").GetInt64());
        Assert.Equal(9_000, await ConsultationApiParties.WalletAsync(answeredUser.Client));
        Assert.Equal(FirstMinuteOutcome.Kept, (await _p.Service<IConsultationStore>().GetAsync(answered))!.FirstMinute);

        var (silent, silentUser, _) = await LiveAsync();
        await SendOkAsync(silentUser.Client, silent, "Hello? Anyone there?");
        Assert.Null((await _p.Service<IConsultationStore>().GetAsync(silent))!.AstrologerFirstMessageAt);

        var refunded = await ConsultationApiParties.ActOkAsync(silentUser.Client, silent, "end");

        Assert.Equal(1_000, refunded.GetProperty("charged").GetInt64());
        Assert.Equal(1_000, refunded.GetProperty("refunded").GetInt64());
        Assert.Equal(10_000, await ConsultationApiParties.WalletAsync(silentUser.Client));
    }

    [Fact]
    public async Task Messages_and_read_marks_are_published_on_the_consultation_feed()
    {
        var (id, user, astrologer) = await LiveAsync();
        var seen = new List<ConsultationEvent>();
        using var subscription = _p.Service<ConsultationEvents>().Subscribe(id, e =>
        {
            lock (seen)
            {
                seen.Add(e);
            }
        });

        await SendOkAsync(astrologer.Client, id, "Namaste");
        await user.Client.PostAsJsonAsync(Url($"/api/v1/consultations/{id}/messages/read"), new { upTo = 1 });

        ConsultationEvent[] events;
        lock (seen)
        {
            events = [.. seen.Where(e => e.Kind is ConsultationEventKind.MessageSent or ConsultationEventKind.MessagesRead)];
        }

        Assert.Equal([ConsultationEventKind.MessageSent, ConsultationEventKind.MessagesRead], events.Select(e => e.Kind));
        Assert.Equal(1, events[0].Message!.Seq);
        Assert.Equal("Namaste", events[0].Message!.Text);
        Assert.Equal(ConsultationParty.Astrologer, events[0].Party);
        Assert.Equal(astrologer.Id, events[0].Message!.SenderId);
        Assert.NotNull(events[0].Consultation.AstrologerFirstMessageAt);
        Assert.Equal(ConsultationParty.User, events[1].Party);
        Assert.Equal(1, events[1].ReadUpTo);
    }
}

/// <summary>The first-minute rule decided by the running billing loop (two-second minutes) when minute 2 starts.</summary>
public sealed class ConsultationChatBillingTests(ShortMinuteHostFixture host) : IClassFixture<ShortMinuteHostFixture>
{
    private readonly ConsultationApiParties _p = new(host.Factory);

    [Fact]
    public async Task An_astrologer_chat_message_in_minute_one_keeps_it_when_minute_two_is_billed()
    {
        var astrologer = await _p.AstrologerAsync();
        var user = await _p.UserAsync(100_000);
        var id = (await ConsultationApiParties.RequestOkAsync(user.Client, astrologer.Id)).GetProperty("id").GetString()!;
        await ConsultationApiParties.ActOkAsync(astrologer.Client, id, "accept");
        var sent = await astrologer.Client.PostAsJsonAsync(ConsultationApiParties.Url($"/api/v1/consultations/{id}/messages"), new { text = "Namaste, let us begin." });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);

        var store = _p.Service<IConsultationStore>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        Consultation current;
        while ((current = (await store.GetAsync(id))!).BilledMinutes < 2 || current.FirstMinute == FirstMinuteOutcome.Pending)
        {
            Assert.True(DateTime.UtcNow < deadline, "the billing loop did not bill minute 2 and settle minute 1");
            await Task.Delay(100);
        }

        Assert.Equal(FirstMinuteOutcome.Kept, current.FirstMinute);
        Assert.Equal(0, current.Refunded);
        Assert.Null(await _p.Service<ILedgerStore>().FindPostingAsync($"refund:{id}:1"));
        await ConsultationApiParties.ActOkAsync(user.Client, id, "end");
        var ended = (await store.GetAsync(id))!;
        Assert.Equal(ended.BilledMinutes * 1_000L, ended.Charged);
        Assert.Equal(100_000 - ended.Charged, await ConsultationApiParties.WalletAsync(user.Client));
    }
}
