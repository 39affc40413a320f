using NodaTime;
using StarSync.Engine.Places;

namespace StarSync.Engine.Tests.Places;

public sealed class GazetteerTests(GazetteerFixture fixture) : IClassFixture<GazetteerFixture>
{
    private readonly Gazetteer _gazetteer = fixture.Gazetteer;

    [Fact]
    public void Ships_at_least_a_hundred_thousand_places()
    {
        Assert.True(_gazetteer.Count >= 100_000, $"only {_gazetteer.Count} places");
    }

    [Fact]
    public void Every_place_has_a_known_zone_an_admin_area_a_country_and_sane_coordinates()
    {
        var tzdb = DateTimeZoneProviders.Tzdb;
        var all = AllPlaces();
        Assert.Equal(_gazetteer.Count, all.Count);
        foreach (var place in all)
        {
            Assert.False(string.IsNullOrWhiteSpace(place.Name), place.Id);
            Assert.False(string.IsNullOrWhiteSpace(place.Admin1), place.Id);
            Assert.False(string.IsNullOrWhiteSpace(place.Country), place.Id);
            Assert.Matches("^[A-Z]{2}$", place.CountryCode);
            Assert.True(tzdb.GetZoneOrNull(place.TimeZone) is not null, $"{place.Id} {place.Name}: zone '{place.TimeZone}' unknown to NodaTime");
            Assert.InRange(place.Latitude, -90, 90);
            Assert.InRange(place.Longitude, -180, 180);
            Assert.True(place.Population >= 0);
        }
    }

    [Fact]
    public void New_del_finds_New_Delhi_in_Asia_Kolkata()
    {
        var results = _gazetteer.Search("new del", 3);

        // GeoNames also lists "New Delhi" as an alternate name of Delhi (10.9 M people), which therefore
        // comes first by population; New Delhi itself must follow straight after.
        var delhi = Assert.Single(results, p => p.Name == "New Delhi" && p.CountryCode == "IN");
        Assert.Equal(["Delhi", "New Delhi"], results.Take(2).Select(p => p.Name));
        Assert.Equal("1261481", delhi.Id);
        Assert.Equal("Asia/Kolkata", delhi.TimeZone);
        Assert.Equal("Delhi", delhi.Admin1);
        Assert.Equal("India", delhi.Country);
        Assert.Equal(28.6358, delhi.Latitude, 0.01);
        Assert.Equal(77.2245, delhi.Longitude, 0.01);
    }

    [Theory]
    [InlineData("sao paulo")]
    [InlineData("São Paulo")]
    [InlineData("SAO PAULO")]
    [InlineData("são-paulo")]
    [InlineData("  Sao   Pau")]
    public void Sao_Paulo_is_found_whatever_the_accents_case_and_spacing(string query)
    {
        var first = _gazetteer.Search(query)[0];

        Assert.Equal("São Paulo", first.Name);
        Assert.Equal("BR", first.CountryCode);
        Assert.Equal("America/Sao_Paulo", first.TimeZone);
        Assert.Equal(-23.55, first.Latitude, 0.01);
        Assert.Equal(-46.64, first.Longitude, 0.01);
    }

    [Theory]
    [InlineData("munchen")]
    [InlineData("münchen")]
    [InlineData("MÜNCHEN")]
    [InlineData("muenchen")]
    [InlineData("munich")]
    public void Munich_is_found_by_its_German_name_with_or_without_the_umlaut(string query)
    {
        var first = _gazetteer.Search(query)[0];

        Assert.Equal("2867714", first.Id);
        Assert.Equal("Europe/Berlin", first.TimeZone);
        Assert.Equal("Bavaria", first.Admin1);
    }

    [Theory]
    [InlineData("bombay", "Mumbai")]
    [InlineData("calcutta", "Kolkata")]
    [InlineData("zurich", "Zürich")]
    [InlineData("lodz", "Łódź")]
    [InlineData("ndjamena", "N'Djamena")]
    [InlineData("N’Djam", "N'Djamena")]
    [InlineData("st. louis", "St. Louis")]
    [InlineData("malmo", "Malmö")]
    public void Alternate_names_and_folded_spellings_find_the_place(string query, string expectedName)
    {
        Assert.Contains(_gazetteer.Search(query, 5), p => p.Name == expectedName);
    }

    [Theory]
    [InlineData("s")]
    [InlineData("sa")]
    [InlineData("san")]
    [InlineData("new")]
    [InlineData("springfield")]
    [InlineData("delhi")]
    public void Results_are_distinct_and_most_populous_first(string query)
    {
        var results = _gazetteer.Search(query, 50);

        Assert.NotEmpty(results);
        Assert.Equal(results.Count, results.Select(p => p.Id).Distinct().Count());
        for (var i = 1; i < results.Count; i++)
        {
            Assert.True(results[i - 1].Population >= results[i].Population,
                $"{results[i - 1].Name} ({results[i - 1].Population}) before {results[i].Name} ({results[i].Population})");
        }
    }

    [Theory]
    [InlineData("m")]
    [InlineData("t")]
    [InlineData("k")]
    public void A_one_letter_query_returns_the_most_populous_places_matching_it(string letter)
    {
        var results = _gazetteer.Search(letter, 10);

        var expected = AllPlaces()
            .Where(p => MatchesByBruteForce(p, letter))
            .OrderByDescending(p => p.Population).ThenBy(p => int.Parse(p.Id, System.Globalization.CultureInfo.InvariantCulture))
            .Take(10)
            .Select(p => p.Id);
        Assert.Equal(expected, results.Select(p => p.Id));
    }

    [Fact]
    public void A_one_letter_query_lists_only_big_cities()
    {
        foreach (var letter in "abcdefghijklmnoprstuvwyz")
        {
            var results = _gazetteer.Search(letter.ToString(), 10);
            Assert.Equal(10, results.Count);
            Assert.All(results, p => Assert.True(p.Population > 500_000, $"'{letter}': {p.Name} ({p.Population})"));
        }
        Assert.Contains(_gazetteer.Search("M", 10), p => p.Name == "Mumbai");
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    [InlineData(10, 10)]
    [InlineData(50, 50)]
    [InlineData(0, 1)]
    [InlineData(-5, 1)]
    [InlineData(500, 50)]
    public void The_limit_is_respected_and_clamped_to_one_to_fifty(int limit, int expectedCount)
    {
        Assert.Equal(expectedCount, _gazetteer.Search("a", limit).Count);
        Assert.Equal(expectedCount, _gazetteer.Search("san", limit).Count);
    }

    [Fact]
    public void A_limit_returns_the_head_of_the_longer_answer()
    {
        var five = _gazetteer.Search("ber", 5).Select(p => p.Id);
        var fifty = _gazetteer.Search("ber", 50).Select(p => p.Id);

        Assert.Equal(fifty.Take(5), five);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("   \t ")]
    [InlineData(null)]
    [InlineData("'")]
    [InlineData("-- ,")]
    public void A_blank_query_returns_nothing(string? query)
    {
        Assert.Empty(_gazetteer.Search(query!));
    }

    [Fact]
    public void A_query_that_matches_nothing_returns_an_empty_list()
    {
        Assert.Empty(_gazetteer.Search("qqqxzzv"));
        Assert.Empty(_gazetteer.Search("Москва"));
    }

    [Fact]
    public void A_trailing_space_asks_for_a_further_word()
    {
        var results = _gazetteer.Search("san ", 50);

        Assert.Equal(50, results.Count);
        Assert.All(results, p => Assert.True(MatchesByBruteForce(p, "san "), p.Name));
        Assert.Contains(results, p => p.Name == "San Antonio");
        Assert.DoesNotContain(results, p => p.Name.StartsWith("Santiago", StringComparison.Ordinal));
    }

    [Fact]
    public void Find_returns_the_place_with_that_GeoNames_id()
    {
        var saoPaulo = _gazetteer.Find("3448439");

        Assert.NotNull(saoPaulo);
        Assert.Equal("São Paulo", saoPaulo.Name);
        Assert.Equal("São Paulo", saoPaulo.Admin1);
        Assert.Equal("Brazil", saoPaulo.Country);
        Assert.Same(saoPaulo, _gazetteer.Find(_gazetteer.Search("sao paulo")[0].Id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("not-an-id")]
    [InlineData("99999999999")]
    public void Find_returns_null_for_an_unknown_id(string id)
    {
        Assert.Null(_gazetteer.Find(id));
    }

    [Fact]
    public void A_place_without_a_GeoNames_admin_area_shows_its_country_instead()
    {
        // Palestinian places carry admin-1 code "00", which GeoNames does not resolve.
        var palestinian = AllPlaces().Where(p => p.CountryCode == "PS").ToList();

        Assert.Contains(palestinian, p => p.Admin1 == p.Country);
    }

    [Fact]
    public void Searching_from_many_threads_gives_the_same_answers()
    {
        string[] queries = ["m", "new del", "sao", "ber", "lon", "par", "k", "san ", "zur", "tok"];
        var expected = queries.Select(q => string.Join(',', _gazetteer.Search(q, 20).Select(p => p.Id))).ToArray();

        Parallel.For(0, 400, i =>
        {
            var q = i % queries.Length;
            Assert.Equal(expected[q], string.Join(',', _gazetteer.Search(queries[q], 20).Select(p => p.Id)));
        });
    }

    private IReadOnlyList<Place> AllPlaces() => _gazetteer.Places;

    // A plain reading of the rule "a name, the ASCII name or an alternate starts with the query",
    // over the keys the parser folded for the place, without the index.
    private bool MatchesByBruteForce(Place place, string prefix) =>
        fixture.RowsById[place.Id].Keys.Any(key => key.StartsWith(prefix, StringComparison.Ordinal));
}
