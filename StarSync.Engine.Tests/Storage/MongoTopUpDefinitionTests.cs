using MongoDB.Bson;
using MongoDB.Driver;
using StarSync.Engine.Payments;
using StarSync.Engine.Storage.Mongo;

namespace StarSync.Engine.Tests.Storage;

/// <summary>The filters and updates behind the MongoDB top-up store's compare-and-set steps, rendered without a server.</summary>
public sealed class MongoTopUpDefinitionTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc);

    private readonly MongoClient _client = new("mongodb://127.0.0.1:27017/?connectTimeoutMS=100&serverSelectionTimeoutMS=100");
    private readonly IMongoCollection<MongoTopUpDocument> _topUps;

    public MongoTopUpDefinitionTests() => _topUps = _client.GetDatabase("starsync_render").GetCollection<MongoTopUpDocument>("topUps");

    public void Dispose() => _client.Dispose();

    [Fact]
    public void A_transition_matches_only_the_expected_state()
    {
        AssertJson("{ _id: 'tu_1', state: 'pending' }", Render(MongoTopUpStore.TransitionFilter("tu_1", TopUpState.Pending)));
    }

    [Fact]
    public void A_transition_sets_state_reason_time_and_the_payment_when_known()
    {
        AssertJson(
            "{ $set: { state: 'credited', stateReason: 'paid', updatedAt: { '$date': '2026-03-01T10:00:00Z' }, paymentIntentId: 'pi_1' } }",
            RenderUpdate(MongoTopUpStore.TransitionUpdate(TopUpState.Credited, new TopUpTransition("paid", "pi_1"), Now)));
        AssertJson(
            "{ $set: { state: 'review', stateReason: null, updatedAt: { '$date': '2026-03-01T10:00:00Z' } } }",
            RenderUpdate(MongoTopUpStore.TransitionUpdate(TopUpState.Review, new TopUpTransition(), Now)));
    }

    [Fact]
    public void A_checkout_attaches_only_while_none_is_set_and_pending_is_by_state_and_age()
    {
        AssertJson("{ _id: 'tu_1', checkoutSessionId: null }", Render(MongoTopUpStore.AttachFilter("tu_1")));
        AssertJson("{ state: 'pending', createdAt: { $lt: { '$date': '2026-03-01T10:00:00Z' } } }", Render(MongoTopUpStore.PendingFilter(new DateTimeOffset(Now))));
    }

    private BsonDocument Render(FilterDefinition<MongoTopUpDocument> filter) =>
        filter.Render(new RenderArgs<MongoTopUpDocument>(_topUps.DocumentSerializer, _topUps.Settings.SerializerRegistry));

    private BsonDocument RenderUpdate(UpdateDefinition<MongoTopUpDocument> update) =>
        update.Render(new RenderArgs<MongoTopUpDocument>(_topUps.DocumentSerializer, _topUps.Settings.SerializerRegistry)).AsBsonDocument;

    private static void AssertJson(string expected, BsonDocument actual) => Assert.Equal(BsonDocument.Parse(expected).ToJson(), actual.ToJson());
}
