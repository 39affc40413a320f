using MongoDB.Bson;
using MongoDB.Driver;
using StarSync.Engine.Accounts;
using StarSync.Engine.Astrologers;
using StarSync.Engine.Storage;
using StarSync.Engine.Storage.Mongo;

namespace StarSync.Engine.Tests.Storage;

/// <summary>What the MongoDB astrologer-profile and settings adapters send, rendered to BSON without a server.</summary>
public sealed class MongoAdminDefinitionTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc);
    private readonly MongoClient _client = new("mongodb://127.0.0.1:27017/?connectTimeoutMS=100&serverSelectionTimeoutMS=100");
    private readonly IMongoCollection<MongoAstrologerProfileDocument> _profiles;

    public MongoAdminDefinitionTests() => _profiles = MongoAstrologerProfileStore.Collection(new MongoStore(_client.GetDatabase("starsync_render")));

    public void Dispose() => _client.Dispose();

    [Fact]
    public void The_list_filter_is_escaped_lower_cased_name_text_with_exact_status_language_and_expertise_keys()
    {
        var filter = Render(MongoAstrologerProfileStore.QueryFilter(new AstrologerQuery
        {
            Search = " Ravi.S+ ", Status = AccountStatus.Deactivated, Language = " Hindi ", Expertise = "KP",
        }));

        AssertJson(
            """
            { nameKey: { $regularExpression: { pattern: 'ravi\\.s\\+', options: '' } }, status: 'deactivated', languageKeys: 'hindi', expertiseKeys: 'kp' }
            """,
            filter);
        AssertJson("{ }", Render(MongoAstrologerProfileStore.QueryFilter(new AstrologerQuery())));
    }

    [Fact]
    public void Changes_match_only_a_profile_that_is_not_deleted()
    {
        AssertJson("{ _id: 'a1', status: { $ne: 'deleted' } }", Render(MongoAstrologerProfileStore.Live("a1")));
    }

    [Fact]
    public void Scrubbing_keeps_only_the_anonymised_name_and_marks_the_profile_deleted()
    {
        var update = MongoAstrologerProfileStore.ScrubUpdate("0190abcd3f2a", Now)
            .Render(new RenderArgs<MongoAstrologerProfileDocument>(_profiles.DocumentSerializer, _profiles.Settings.SerializerRegistry)).AsBsonDocument;

        AssertJson(
            """
            { $set: { displayName: 'Former astrologer 3F2A', nameKey: 'former astrologer 3f2a', languages: [], languageKeys: [], expertise: [], expertiseKeys: [],
                      yearsOfExperience: 0, bio: '', photoUrl: null, photoKey: null, status: 'deleted', updatedAt: { '$date' : '2026-03-01T10:00:00Z' } } }
            """,
            update);
    }

    [Fact]
    public void A_settings_save_matches_the_version_it_read()
    {
        var settings = new MongoStore(_client.GetDatabase("starsync_render")).Database.GetCollection<BsonDocument>("platformSettings");
        var filter = MongoPlatformSettingsStore.SaveFilter(4)
            .Render(new RenderArgs<MongoPlatformSettingsDocument>(
                MongoDB.Bson.Serialization.BsonSerializer.LookupSerializer<MongoPlatformSettingsDocument>(), settings.Settings.SerializerRegistry));

        AssertJson("{ _id: 'platform', version: 4 }", filter);
    }

    private BsonDocument Render(FilterDefinition<MongoAstrologerProfileDocument> filter) =>
        filter.Render(new RenderArgs<MongoAstrologerProfileDocument>(_profiles.DocumentSerializer, _profiles.Settings.SerializerRegistry));

    private static void AssertJson(string expected, BsonDocument actual) =>
        Assert.Equal(BsonDocument.Parse(expected).ToJson(), actual.ToJson());
}
