using System.Text;
using StarSync.Engine.Places;

namespace StarSync.Engine.Tests.Places;

public sealed class GazetteerLoadTests
{
    private const string Header = "# test data\n#id\tname\tasciiname\talternatenames\tadmin1\tcountry\tcountrycode\tlatitude\tlongitude\ttimezone\tpopulation\n";

    private static Gazetteer LoadText(string tsv) =>
        Gazetteer.Load(new MemoryStream(Encoding.UTF8.GetBytes(tsv)), compressed: false);

    [Fact]
    public void A_stream_in_any_row_order_is_ranked_by_population()
    {
        var gazetteer = LoadText(Header +
            "3\tSmallville\tSmallville\t\tKansas\tUnited States\tUS\t39.1\t-94.6\tAmerica/Chicago\t500\n" +
            "1\tSão Tomé\tSao Tome\tSan Tome\tÁgua Grande\tSão Tomé and Príncipe\tST\t0.33654\t6.72732\tAfrica/Sao_Tome\t53300\n" +
            "2\tSanta Cruz\tSanta Cruz\t\tBolivia\tBolivia\tBO\t-17.8\t-63.2\tAmerica/La_Paz\t1364389\n");

        Assert.Equal(3, gazetteer.Count);
        Assert.Equal(["2", "1", "3"], gazetteer.Search("s").Select(p => p.Id));
        Assert.Equal(["2", "1"], gazetteer.Search("sa").Select(p => p.Id));
        Assert.Equal("São Tomé", gazetteer.Search("san tome").Single().Name);
        Assert.Equal(6.72732, gazetteer.Find("1")!.Longitude);
        Assert.Equal("Smallville", gazetteer.Find("3")!.Name);
    }

    [Fact]
    public void A_row_with_a_missing_column_is_rejected_with_its_line_number()
    {
        var error = Assert.Throws<InvalidDataException>(() => LoadText(Header +
            "1\tA\tA\t\tX\tY\tYY\t1\t2\tUTC\t5\n" +
            "2\tB\tB\tX\tY\tYY\t1\t2\tUTC\t5\n"));

        Assert.Contains("line 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repeated_id_is_rejected()
    {
        Assert.Throws<InvalidDataException>(() => LoadText(Header +
            "1\tA\tA\t\tX\tY\tYY\t1\t2\tUTC\t5\n" +
            "1\tB\tB\t\tX\tY\tYY\t1\t2\tUTC\t6\n"));
    }

    [Fact]
    public void The_embedded_file_loads_the_same_from_a_stream()
    {
        using var stream = typeof(Gazetteer).Assembly.GetManifestResourceStream(Gazetteer.ResourceName)!;

        var gazetteer = Gazetteer.Load(stream);

        Assert.Equal(Gazetteer.Load().Count, gazetteer.Count);
    }
}
