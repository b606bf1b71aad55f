using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace NewsApi.Text.Tests;

/// <summary>
/// Accuracy on the fixture corpus as numbers: fields right / fields checked and pages fully right, per kind of page,
/// for the importer and, on the HTML pages, for the same field rules fed by SmartReader (Mozilla's Readability
/// ported to C#) instead of the importer's own content finder. The README's "Importing pages" table is this output.
/// </summary>
public class AccuracyTests(ITestOutputHelper output)
{
    private sealed record Score(string Kind, int Right, int Checked, bool PageRight, string Page, IReadOnlyList<string> Wrong);

    [Fact]
    public void TheImporterIsRightOnEveryFieldOfTheCorpusAndAtLeastAsOftenAsReadability()
    {
        var ours = new List<Score>();
        var readability = new List<Score>();
        foreach (var path in FixturePages.Pages())
        {
            using var document = JsonDocument.Parse(File.ReadAllText(NewsApi.Fixtures.FixtureFolder.ExpectedJsonOf(path)));
            var expected = document.RootElement;
            var kind = ExpectedFields.KindOf(expected);
            var given = ExpectedFields.GivenPublishedOn(expected);
            var name = Path.GetFileName(path);
            ours.Add(ScoreOf(kind, name, expected, FixturePages.Parse(path, given).Page));
            if (FixturePages.IsHtml(path))
            {
                readability.Add(ScoreOf(kind, name, expected, ThroughReadability(path, given)));
            }
        }

        var table = Table("Importer", ours) + "\n" + Table("SmartReader content, same field rules (HTML pages)", readability);
        output.WriteLine(table);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "accuracy.md"), table);

        var oursOnHtml = ours.Where((_, i) => FixturePages.IsHtml(FixturePages.Pages().ElementAt(i))).Sum(s => s.Right);
        Assert.True(oursOnHtml >= readability.Sum(s => s.Right), table);
        Assert.Equal(ours.Sum(s => s.Checked), ours.Sum(s => s.Right));
    }

    private static Score ScoreOf(string kind, string name, JsonElement expected, ParsedPage? page)
    {
        var checks = ExpectedFields.Check(expected, page);
        return new Score(kind, checks.Count(c => c.Right), checks.Count, checks.All(c => c.Right), name,
            checks.Where(c => !c.Right).Select(c => c.Field).ToList());
    }

    /// <summary>SmartReader's title and article content, laid out as a page with the title as its heading.</summary>
    private static ParsedPage? ThroughReadability(string path, DateOnly? given)
    {
        var html = File.ReadAllText(path);
        var article = SmartReader.Reader.ParseArticle("https://example.vn/" + Path.GetFileName(path), html, null);
        // IsReadable is Readability's guess whether a page is worth a reader view; short news items fail it, so the
        // content is used whatever it says.
        if (string.IsNullOrEmpty(article.Content))
        {
            return null;
        }
        // The page's own <head> stays, so its declared title and publication time count for both extractors alike.
        var head = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).Head?.OuterHtml ?? "<head></head>";
        var page = $"<!DOCTYPE html><html>{head}<body><article><h1>{WebUtility.HtmlEncode(article.Title)}</h1>{article.Content}</article></body></html>";
        return PageImporter.FromHtml(page, given, ExpectedFields.Today).Page;
    }

    private static string Table(string title, List<Score> scores)
    {
        var builder = new StringBuilder();
        builder.AppendLine(CultureInfo.InvariantCulture, $"{title}\n");
        builder.AppendLine("| Kind | Pages | Fields right / checked | Pages fully right |");
        builder.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var group in scores.GroupBy(s => s.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            builder.AppendLine(Row(group.Key, group.ToList()));
        }
        builder.AppendLine(Row("**all**", scores));
        foreach (var score in scores.Where(s => s.Wrong.Count > 0))
        {
            builder.AppendLine(CultureInfo.InvariantCulture, $"\n- {score.Page}: {string.Join(", ", score.Wrong)}");
        }
        return builder.ToString();
    }

    private static string Row(string kind, List<Score> scores)
    {
        var right = scores.Sum(s => s.Right);
        var all = scores.Sum(s => s.Checked);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {kind} | {scores.Count} | {right} / {all} ({100.0 * right / Math.Max(1, all):0.0}%) | {scores.Count(s => s.PageRight)} / {scores.Count} |");
    }
}
