using System.CommandLine;
using System.Data.Common;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NewsApi.Articles;
using NewsApi.Bylines;
using NewsApi.Contributors;
using NewsApi.Data;
using NewsApi.Http;
using NewsApi.Text;
using Npgsql;
using NpgsqlTypes;
using NewsApi.Site;
using NewsApi.Data.Seed;
using NewsApi.Sections;
using NewsApi.Tags;
using NewsApi.Media;

namespace NewsApi.Cli;

/// <summary>
/// `generate --articles n`: fills the database with n published, realistic and deterministic Vietnamese articles for
/// benchmarks and demos. Rows are written in bulk (prepared statements on SQLite, binary COPY on PostgreSQL), one
/// transaction per batch, bypassing EF's change tracking, but with exactly the columns the write path stores: text
/// normalized, search columns folded, unique slugs, bylines parsed from their printed text, datelines from the lead.
/// No revision is recorded (a bulk load is not an edit), so the revisions of a generated article are an empty list.
/// </summary>
public static class Generate
{
    public const int DefaultSeed = 20201210;
    private const int BatchSize = 5_000;

    public static Command Command(IServiceProvider services)
    {
        var articles = new Option<int>("--articles") { Description = "How many articles to add.", Required = true };
        var seed = new Option<int>("--seed") { Description = "The random seed: the same seed and count give the same articles.", DefaultValueFactory = _ => DefaultSeed };
        var command = new Command("generate", "Fill the database with n realistic, deterministic Vietnamese articles (for benchmarks and demos).") { articles, seed };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var count = parse.GetValue(articles);
            if (count is < 1 or > 10_000_000)
            {
                Console.Error.WriteLine("--articles is between 1 and 10000000.");
                return 2;
            }
            await DatabaseSetup.MigrateAsync(services, seed: true, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
            var site = scope.ServiceProvider.GetRequiredService<SiteTime>();
            if (!await db.Sections.AnyAsync(cancellationToken))
            {
                // An admin removed every section: the articles go into the seed paper's tree again, made as the API makes sections.
                await SeedSections.CreateAsync(scope.ServiceProvider.GetRequiredService<SectionWriter>(), cancellationToken);
            }
            var media = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<MediaOptions>>().Value;
            var photos = await GeneratedPhotos.EnsureAsync(db, scope.ServiceProvider.GetRequiredService<MediaStore>(), site, media, cancellationToken);
            var clock = Stopwatch.StartNew();
            var contributors = await RunAsync(db, site, count, parse.GetValue(seed), Console.Out, cancellationToken, photos, media);
            Console.WriteLine($"Generated {count} articles ({contributors} contributors) in {clock.Elapsed.TotalSeconds:0.0} s.");
            return 0;
        });
        return command;
    }

    /// <summary>Adds the articles and returns how many contributors they credit. Publication dates lie in the three years before today (UTC).</summary>
    /// <param name="photos">Media items the articles place (a feature image for most, three figures for a quarter); none when empty.</param>
    public static async Task<int> RunAsync(NewsDbContext db, SiteTime site, int count, int seed, TextWriter progress, CancellationToken cancellationToken,
        IReadOnlyList<int>? photos = null, MediaOptions? media = null)
    {
        var composer = new ArticleComposer(seed, photos ?? []);
        var until = DateTime.UtcNow.Date;
        var since = until.AddYears(-3);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            var contributorIds = await StoreContributorsAsync(connection, composer.Contributors, site.UtcNow, cancellationToken);
            var takenSlugs = await ReadSlugsAsync(connection, cancellationToken);
            var placement = await PlacementAsync(db, connection, site.UtcNow, cancellationToken);
            var writer = connection switch
            {
                SqliteConnection sqlite => (IBulkWriter)new SqliteBulkWriter(sqlite),
                NpgsqlConnection postgres => new PostgresBulkWriter(postgres),
                _ => throw new NotSupportedException($"generate does not support {connection.GetType().Name}."),
            };
            var step = (until - since).Ticks / count;
            for (var start = 0; start < count; start += BatchSize)
            {
                var batch = new List<GeneratedArticle>(Math.Min(BatchSize, count - start));
                for (var i = start; i < Math.Min(count, start + BatchSize); i++)
                {
                    // Oldest first, so ids grow with publication time as they would on a live site; whole seconds.
                    var ticks = since.Ticks + i * step + composer.Next(0, (int)Math.Min(step, int.MaxValue));
                    var publishedAt = new DateTime(ticks - ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
                    batch.Add(composer.Compose(publishedAt, site, contributorIds, takenSlugs, placement));
                }
                await writer.WriteAsync(batch, cancellationToken);
                if (count > BatchSize)
                {
                    await progress.WriteLineAsync($"{Math.Min(count, start + BatchSize)} / {count}");
                }
            }
            // What the API renders on every change (with the photos' renditions at the configured widths), rendered here
            // for the articles written above.
            var rendered = await ArticleDocuments.RenderStaleAsync(db, site, media ?? new MediaOptions(), cancellationToken, batchSize: 2_000);
            await progress.WriteLineAsync($"Rendered {rendered} documents.");
            return composer.Contributors.Count;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<Dictionary<string, (int Id, string Name)>> StoreContributorsAsync(
        DbConnection connection, IReadOnlyList<string> names, DateTime now, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var name in names)
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            // The directory's own rule and statement: found by the slug of the name, created on first use.
            insert.CommandText = ContributorDirectory.InsertIfAbsentSql;
            AddParameter(insert, "@name", name);
            AddParameter(insert, "@slug", ContributorDirectory.SlugOf(name));
            AddParameter(insert, "@now", now);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);

        var ids = new Dictionary<string, (int, string)>(StringComparer.Ordinal);
        await using var select = connection.CreateCommand();
        select.CommandText = """SELECT "Id", "Slug", "Name" FROM contributors""";
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids[reader.GetString(1)] = (reader.GetInt32(0), reader.GetString(2));
        }
        return ids;
    }

    /// <summary>
    /// Where articles go: the sections without subsections (each weighted, the first in the tree the busiest), each with
    /// the tags its articles carry (SeedSections.Tags, else its own name), and a tag per province. Tags missing from the
    /// database are created with the API's rules (ArticleTagging.New: folded name, slug from its stem, first free).
    /// </summary>
    private static async Task<Placement> PlacementAsync(NewsDbContext db, DbConnection connection, DateTime now, CancellationToken cancellationToken)
    {
        var sections = await db.Sections.AsNoTracking().Select(s => new { s.Id, s.Name, s.ParentId, s.Path }).ToListAsync(cancellationToken);
        var leaves = sections.Where(s => sections.All(c => c.ParentId != s.Id)).OrderBy(s => sections.FindIndex(t => t.Id == s.Id)).ToList();
        string[] TagsOf(string name) => SeedSections.Tags.TryGetValue(name, out var tags) ? tags : [name];
        var names = leaves.SelectMany(l => TagsOf(l.Name)).Concat(Words.Provinces).Select(ArticleTagging.NameOf).DistinctBy(ArticleTagging.FoldedOf).ToList();

        var ids = await db.Tags.AsNoTracking().ToDictionaryAsync(t => t.Folded, t => t.Id, StringComparer.Ordinal, cancellationToken);
        var taken = (await db.Tags.Select(t => t.Slug).Concat(db.TagSlugs.Select(t => t.Slug)).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            foreach (var name in names.Where(n => !ids.ContainsKey(ArticleTagging.FoldedOf(n))))
            {
                var tag = ArticleTagging.New(name, taken.Contains, now);
                taken.Add(tag.Slug);
                await using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO tags (\"Slug\", \"Name\", \"Folded\", \"CreatedAt\", \"UpdatedAt\", \"Version\") VALUES (@slug, @name, @folded, @now, @now, 1) RETURNING \"Id\"";
                AddParameter(insert, "@slug", tag.Slug);
                AddParameter(insert, "@name", tag.Name);
                AddParameter(insert, "@folded", tag.Folded);
                AddParameter(insert, "@now", now);
                ids[tag.Folded] = Convert.ToInt32(await insert.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        GeneratedTag Tag(string name) => new(ArticleTagging.NameOf(name), ids[ArticleTagging.FoldedOf(name)]);
        return new Placement(
            leaves.Select(l => new PlacedSection(l.Id, TagsOf(l.Name).Select(Tag).DistinctBy(t => t.Id).ToList())).ToList(),
            Words.Provinces.ToDictionary(p => p, Tag, StringComparer.Ordinal));
    }

    private sealed record GeneratedTag(string Name, int Id);

    private sealed record PlacedSection(int Id, IReadOnlyList<GeneratedTag> Tags);

    private sealed record Placement(IReadOnlyList<PlacedSection> Sections, IReadOnlyDictionary<string, GeneratedTag> Provinces);

    private static async Task<HashSet<string>> ReadSlugsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        await using var select = connection.CreateCommand();
        select.CommandText = """SELECT "Slug" FROM articles UNION ALL SELECT "Slug" FROM article_slugs""";
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            slugs.Add(reader.GetString(0));
        }
        return slugs;
    }

    private static void AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    private sealed record GeneratedCredit(int ContributorId, int Position, string Roles);

    private sealed record GeneratedArticle(
        string Slug, string Headline, string Lead, string Body, DateTime PublishedAt, string SearchHeadline, string SearchText,
        string BylineText, string? Source, IReadOnlyList<GeneratedCredit> Credits,
        string? DatelineText, DateOnly? DatelineDate, string? PartOfDay, string? Place, int SectionId, IReadOnlyList<int> TagIds,
        string? FeatureImage, IReadOnlyList<int> MediaIds);

    private interface IBulkWriter
    {
        Task WriteAsync(IReadOnlyList<GeneratedArticle> batch, CancellationToken cancellationToken);
    }

    /// <summary>Prepared single-row inserts in one transaction per batch: SQLite's fastest path; the FTS5 triggers index each row.</summary>
    private sealed class SqliteBulkWriter(SqliteConnection connection) : IBulkWriter
    {
        public async Task WriteAsync(IReadOnlyList<GeneratedArticle> batch, CancellationToken cancellationToken)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            using var article = Prepare(transaction, """
                INSERT INTO articles ("Slug", "Headline", "Lead", "Body", "Status", "PublishedAt", "CreatedAt", "UpdatedAt", "Version", "Language", "SearchHeadline", "SearchText", "ContentHash", "SectionId", "FeatureImage")
                VALUES ($slug, $headline, $lead, $body, 'Published', $at, $at, $at, 1, 'vi', $searchHeadline, $searchText, NULL, $section, $feature)
                RETURNING "Id"
                """, "$slug", "$headline", "$lead", "$body", "$at", "$searchHeadline", "$searchText", "$section", "$feature");
            using var photo = Prepare(transaction, """INSERT INTO article_media ("ArticleId", "MediaId") VALUES ($id, $media)""", "$id", "$media");
            using var tag = Prepare(transaction, """INSERT INTO article_tags ("ArticleId", "TagId", "Position") VALUES ($id, $tag, $position)""", "$id", "$tag", "$position");
            using var byline = Prepare(transaction, """INSERT INTO bylines ("ArticleId", "Text", "Source") VALUES ($id, $text, $source)""", "$id", "$text", "$source");
            using var credit = Prepare(transaction, """INSERT INTO byline_credits ("ArticleId", "Position", "ContributorId", "Roles") VALUES ($id, $position, $contributor, $roles)""",
                "$id", "$position", "$contributor", "$roles");
            using var dateline = Prepare(transaction, """INSERT INTO datelines ("ArticleId", "Text", "Date", "PartOfDay", "Place") VALUES ($id, $text, $date, $pod, $place)""",
                "$id", "$text", "$date", "$pod", "$place");
            foreach (var a in batch)
            {
                Set(article, a.Slug, a.Headline, a.Lead, a.Body, a.PublishedAt, a.SearchHeadline, a.SearchText, a.SectionId, a.FeatureImage);
                var id = Convert.ToInt64(article.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
                foreach (var media in a.MediaIds)
                {
                    Set(photo, id, media);
                    photo.ExecuteNonQuery();
                }
                for (var position = 0; position < a.TagIds.Count; position++)
                {
                    Set(tag, id, a.TagIds[position], position);
                    tag.ExecuteNonQuery();
                }
                Set(byline, id, a.BylineText, a.Source);
                byline.ExecuteNonQuery();
                foreach (var c in a.Credits)
                {
                    Set(credit, id, c.Position, c.ContributorId, c.Roles);
                    credit.ExecuteNonQuery();
                }
                if (a.DatelineText is not null)
                {
                    Set(dateline, id, a.DatelineText, a.DatelineDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), a.PartOfDay, a.Place);
                    dateline.ExecuteNonQuery();
                }
            }
            await transaction.CommitAsync(cancellationToken);
        }

        private SqliteCommand Prepare(SqliteTransaction transaction, string sql, params string[] names)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var name in names)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }
            command.Prepare();
            return command;
        }

        private static void Set(SqliteCommand command, params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }
        }
    }

    /// <summary>Binary COPY per table, one transaction per batch; ids are taken from the identity sequence first so children can refer to them.</summary>
    private sealed class PostgresBulkWriter(NpgsqlConnection connection) : IBulkWriter
    {
        public async Task WriteAsync(IReadOnlyList<GeneratedArticle> batch, CancellationToken cancellationToken)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var ids = new List<int>(batch.Count);
            await using (var next = new NpgsqlCommand("""SELECT nextval(pg_get_serial_sequence('articles', 'Id'))::int FROM generate_series(1, @n)""", connection, transaction))
            {
                next.Parameters.AddWithValue("n", batch.Count);
                await using var reader = await next.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    ids.Add(reader.GetInt32(0));
                }
            }
            await using (var copy = await connection.BeginBinaryImportAsync(
                """COPY articles ("Id", "Slug", "Headline", "Lead", "Body", "Status", "PublishedAt", "CreatedAt", "UpdatedAt", "Version", "Language", "SearchHeadline", "SearchText", "ContentHash", "SectionId", "FeatureImage") FROM STDIN (FORMAT BINARY)""",
                cancellationToken))
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    var a = batch[i];
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(ids[i], NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync(a.Slug, NpgsqlDbType.Varchar, cancellationToken);
                    await copy.WriteAsync(a.Headline, NpgsqlDbType.Varchar, cancellationToken);
                    await copy.WriteAsync(a.Lead, NpgsqlDbType.Varchar, cancellationToken);
                    await copy.WriteAsync(a.Body, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(nameof(ArticleStatus.Published), NpgsqlDbType.Varchar, cancellationToken);
                    await copy.WriteAsync(a.PublishedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                    await copy.WriteAsync(a.PublishedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                    await copy.WriteAsync(a.PublishedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                    await copy.WriteAsync(1, NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync("vi", NpgsqlDbType.Varchar, cancellationToken);
                    await copy.WriteAsync(a.SearchHeadline, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(a.SearchText, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteNullAsync(cancellationToken);
                    await copy.WriteAsync(a.SectionId, NpgsqlDbType.Integer, cancellationToken);
                    await WriteTextOrNullAsync(copy, a.FeatureImage, cancellationToken);
                }
                await copy.CompleteAsync(cancellationToken);
            }
            await using (var copy = await connection.BeginBinaryImportAsync("""COPY article_media ("ArticleId", "MediaId") FROM STDIN (FORMAT BINARY)""", cancellationToken))
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    foreach (var media in batch[i].MediaIds)
                    {
                        await copy.WriteRowAsync(cancellationToken, ids[i], media);
                    }
                }
                await copy.CompleteAsync(cancellationToken);
            }
            await using (var copy = await connection.BeginBinaryImportAsync("""COPY article_tags ("ArticleId", "TagId", "Position") FROM STDIN (FORMAT BINARY)""", cancellationToken))
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    for (var position = 0; position < batch[i].TagIds.Count; position++)
                    {
                        await copy.WriteRowAsync(cancellationToken, ids[i], batch[i].TagIds[position], position);
                    }
                }
                await copy.CompleteAsync(cancellationToken);
            }
            await using (var copy = await connection.BeginBinaryImportAsync("""COPY bylines ("ArticleId", "Text", "Source") FROM STDIN (FORMAT BINARY)""", cancellationToken))
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    await copy.WriteRowAsync(cancellationToken, ids[i], batch[i].BylineText, (object?)batch[i].Source ?? DBNull.Value);
                }
                await copy.CompleteAsync(cancellationToken);
            }
            await using (var copy = await connection.BeginBinaryImportAsync("""COPY byline_credits ("ArticleId", "Position", "ContributorId", "Roles") FROM STDIN (FORMAT BINARY)""", cancellationToken))
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    foreach (var c in batch[i].Credits)
                    {
                        await copy.WriteRowAsync(cancellationToken, ids[i], c.Position, c.ContributorId, c.Roles);
                    }
                }
                await copy.CompleteAsync(cancellationToken);
            }
            await using (var copy = await connection.BeginBinaryImportAsync("""COPY datelines ("ArticleId", "Text", "Date", "PartOfDay", "Place") FROM STDIN (FORMAT BINARY)""", cancellationToken))
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    var a = batch[i];
                    if (a.DatelineText is null)
                    {
                        continue;
                    }
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(ids[i], NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync(a.DatelineText, NpgsqlDbType.Varchar, cancellationToken);
                    if (a.DatelineDate is { } date)
                    {
                        await copy.WriteAsync(date, NpgsqlDbType.Date, cancellationToken);
                    }
                    else
                    {
                        await copy.WriteNullAsync(cancellationToken);
                    }
                    await WriteTextOrNullAsync(copy, a.PartOfDay, cancellationToken);
                    await WriteTextOrNullAsync(copy, a.Place, cancellationToken);
                }
                await copy.CompleteAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }

        private static async Task WriteTextOrNullAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken)
        {
            if (value is null)
            {
                await copy.WriteNullAsync(cancellationToken);
            }
            else
            {
                await copy.WriteAsync(value, NpgsqlDbType.Varchar, cancellationToken);
            }
        }
    }

    /// <summary>Makes up articles from word lists in the register of a Vietnamese military newspaper, from one seeded random sequence.</summary>
    private sealed class ArticleComposer
    {
        private readonly Random random;
        private readonly Random photoRandom;
        private readonly IReadOnlyList<int> photos;

        public IReadOnlyList<string> Contributors { get; }

        /// <param name="photos">Media ids to place; drawn from a random of their own, so the text for a seed is the same with or without them.</param>
        public ArticleComposer(int seed, IReadOnlyList<int> photos)
        {
            random = new Random(seed);
            photoRandom = new Random(seed ^ 0x5EED);
            this.photos = photos;
            var names = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (names.Count < 300)
            {
                var name = $"{Pick(Words.FamilyNames)} {Pick(Words.MiddleNames)} {Pick(Words.GivenNames)}";
                if (random.Next(4) == 0)
                {
                    name = $"{Pick(Words.FamilyNames)} {Pick(Words.GivenNames)}";
                }
                if (seen.Add(TextRules.ReadableSlug(name, ContributorLimits.Slug, "tac-gia")))
                {
                    names.Add(VietnameseText.NormalizeLine(name));
                }
            }
            Contributors = names;
        }

        public int Next(int min, int max) => random.Next(min, max);

        private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

        /// <summary>One of the items, the first ones more often: the i-th (from 0) weighs 1 / (i + 1)^skew, as word and tag use does.</summary>
        private T PickSkewed<T>(IReadOnlyList<T> items, double skew)
        {
            var total = 0.0;
            for (var i = 0; i < items.Count; i++)
            {
                total += Math.Pow(i + 1, -skew);
            }
            var at = random.NextDouble() * total;
            for (var i = 0; i < items.Count; i++)
            {
                at -= Math.Pow(i + 1, -skew);
                if (at < 0)
                {
                    return items[i];
                }
            }
            return items[^1];
        }

        private static readonly int[] TagCounts = [1, 2, 2, 2, 3, 3, 3, 4, 4, 5];

        public GeneratedArticle Compose(DateTime publishedAt, SiteTime site, Dictionary<string, (int Id, string Name)> contributorIds, HashSet<string> takenSlugs,
            Placement placement)
        {
            var province = Pick(Words.Provinces);
            // A section (the busier ones more often), then 1-5 tags: its own, the common ones more often, sometimes the province.
            var section = PickSkewed(placement.Sections, 0.7);
            var tags = new List<GeneratedTag>();
            for (var wanted = Math.Min(Pick(TagCounts), section.Tags.Count); tags.Count < wanted;)
            {
                var tag = PickSkewed(section.Tags, 1.1);
                if (!tags.Contains(tag))
                {
                    tags.Add(tag);
                }
            }
            if (tags.Count < 5 && random.Next(3) == 0 && !tags.Contains(placement.Provinces[province]))
            {
                tags.Add(placement.Provinces[province]);
            }
            var unit = Pick(Words.Units).Replace("{n}", random.Next(2, 600).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{tỉnh}", province, StringComparison.Ordinal);
            var activity = Pick(Words.Activities);
            var year = site.LocalDate(publishedAt).Year;
            var headline = VietnameseText.NormalizeLine(random.Next(4) switch
            {
                0 => $"{unit} {activity} năm {year}",
                1 => $"{unit} {activity}",
                2 => $"{tags[0].Name}: {unit} {activity}",
                _ => $"{Pick(Words.HeadlineOpeners)} {activity} tại {province}",
            });
            headline = char.ToUpperInvariant(headline[0]) + headline[1..];

            // The event happened some hours before the piece went out.
            var eventDay = site.LocalDate(publishedAt.AddHours(-random.Next(2, 30)));
            var place = random.Next(3) switch
            {
                0 => null,
                1 => province,
                _ => Pick(Words.Places).Replace("{tỉnh}", province, StringComparison.Ordinal),
            };
            var opening = $"{Pick(Words.PartsOfDay)} {eventDay.Day}-{eventDay.Month}, " + (place is null ? "" : $"tại {place}, ");
            var lead = VietnameseText.Normalize(opening + $"{unit} {activity}. " + Sentence(unit, province));
            var paragraphs = new List<BodyBlock>();
            for (var p = random.Next(3, 7); p > 0; p--)
            {
                var text = new StringBuilder();
                for (var s = random.Next(2, 5); s > 0; s--)
                {
                    text.Append(Sentence(unit, province)).Append(' ');
                }
                paragraphs.Add(new BodyBlock(BodyBlock.Paragraph, VietnameseText.Normalize(text.ToString())));
            }

            var bylineText = VietnameseText.NormalizeLine(Byline());
            var parsed = BylineParser.Parse(bylineText)!;
            var credits = new List<GeneratedCredit>();
            var creditedNames = new List<string>();
            // The API's rule for a byline sent as text alone: credits in order, a name credited twice merges its roles.
            var resolved = parsed.Credits.Select(c => (contributorIds[ContributorDirectory.SlugOf(ContributorDirectory.ProperName(c.Name))], (IEnumerable<CreditRole>)c.Roles));
            foreach (var (contributor, roles, position) in BylineMapping.MergeCredits(resolved, c => c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                credits.Add(new GeneratedCredit(contributor.Id, position, JsonSerializer.Serialize(roles, Json.Options)));
                creditedNames.Add(contributor.Name);
            }

            var dateline = DatelineParser.Parse(lead, site.LocalDate(publishedAt));
            var slug = UniqueSlug(headline, takenSlugs);
            var searchText = ArticleWriter.SearchTextOf(creditedNames, lead, paragraphs.Select(b => b.Text!));
            // Photos as a newsroom places them: most articles lead with one, and a quarter ("Tin, ảnh") show three more
            // through the body, after the first, second and third paragraphs; their captions are the photos' own, their
            // credit the byline's photographer.
            FeatureImageRequest? feature = null;
            if (photos.Count > 0 && photoRandom.Next(10) < 7)
            {
                feature = new FeatureImageRequest(photos[photoRandom.Next(photos.Count)]);
            }
            if (photos.Count > 0 && photoRandom.Next(4) == 0)
            {
                var shown = photos.OrderBy(_ => photoRandom.Next()).Take(3).ToList();
                for (var i = 0; i < shown.Count; i++)
                {
                    paragraphs.Insert(1 + 2 * i, new BodyBlock(BodyBlock.Image, MediaId: shown[i]));
                }
            }
            var mediaIds = paragraphs.Where(b => b.MediaId is not null).Select(b => b.MediaId!.Value)
                .Concat(feature is null ? [] : [feature.MediaId]).Distinct().ToList();
            return new GeneratedArticle(
                slug, headline, lead, JsonSerializer.Serialize(paragraphs, Json.Options), publishedAt, VietnameseText.Fold(headline), searchText,
                bylineText, string.IsNullOrEmpty(parsed.Source) ? null : parsed.Source, credits,
                dateline?.Text, dateline?.Date, dateline?.PartOfDay?.ToString(), string.IsNullOrEmpty(dateline?.Place) ? null : dateline.Place,
                section.Id, tags.Select(t => t.Id).ToList(),
                feature is null ? null : JsonSerializer.Serialize(feature, Json.Options), mediaIds);
        }

        private string Sentence(string unit, string province) =>
            Pick(Words.Sentences)
                .Replace("{đơn vị}", unit, StringComparison.Ordinal)
                .Replace("{tỉnh}", province, StringComparison.Ordinal)
                .Replace("{hoạt động}", Pick(Words.Activities), StringComparison.Ordinal)
                .Replace("{cấp}", Pick(Words.Ranks), StringComparison.Ordinal)
                .Replace("{người}", Pick(Contributors), StringComparison.Ordinal)
                .Replace("{số}", random.Next(2, 100).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        private string Byline()
        {
            string Name() => Pick(Contributors).ToUpperInvariant();
            var text = random.Next(10) switch
            {
                0 => $"Tin, ảnh: {Name()}",
                1 => $"Bài và ảnh: {Name()}",
                2 => $"Tin: {Name()}",
                3 => $"Bài: {Name()}",
                4 => $"Bài: {Name()}; Ảnh: {Name()}",
                5 => $"Tin: {Name()}; Ảnh: {Name()}",
                6 => $"Video: {Name()}; Bài: {Name()}",
                7 => $"Bài: {Name()}, {Name()}; Ảnh: {Name()}",
                8 => $"Tin: {Name()}; Ảnh: {Name()}; Video: {Name()}",
                _ => $"{Name()} - {Name()}",
            };
            return random.Next(4) switch
            {
                0 => text + " (QĐND)",
                1 => text + " (TTXVN)",
                2 => text + " (VOV)",
                _ => text,
            };
        }

        /// <summary>The API's rule (ArticleWriter.FirstFreeSlug), against the slugs taken so far.</summary>
        private static string UniqueSlug(string headline, HashSet<string> taken)
        {
            var slug = ArticleWriter.FirstFreeSlug(ArticleWriter.SlugStem(headline), taken.Contains);
            taken.Add(slug);
            return slug;
        }
    }

    private static class Words
    {
        public static readonly string[] FamilyNames =
            ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Hương", "Đinh", "Trịnh", "Mai", "Tô", "Lương", "Đoàn", "Cao", "Quách", "Hà", "Lâm", "Tạ", "Chu", "Vương"];

        public static readonly string[] MiddleNames =
            ["Văn", "Thị", "Hồng", "Minh", "Đức", "Quang", "Thanh", "Ngọc", "Hữu", "Xuân", "Thu", "Kim", "Mạnh", "Tiến", "Bảo", "Phương"];

        public static readonly string[] GivenNames =
            ["Hùng", "Thu", "An", "Bình", "Tuấn", "Hà", "Lan", "Dũng", "Hải", "Long", "Phương", "Trang", "Nam", "Sơn", "Thắng", "Hiếu", "Hòa", "Cường", "Quân", "Việt", "Huyền", "Linh", "Hạnh", "Giang", "Khánh", "Toàn", "Đạt", "Nghĩa", "Trung", "Yến", "Thảo", "Vinh", "Lực", "Chiến", "Hưng", "Tâm"];

        public static readonly string[] Provinces =
            ["Hà Nội", "Lạng Sơn", "Cao Bằng", "Hà Giang", "Thái Nguyên", "Quảng Ninh", "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Thừa Thiên Huế", "Đà Nẵng", "Khánh Hòa", "Đắk Lắk", "Gia Lai", "Kon Tum", "Lâm Đồng", "Bình Phước", "Tây Ninh", "An Giang", "Kiên Giang", "Cà Mau", "Sơn La", "Điện Biên", "Lai Châu", "Lào Cai", "Yên Bái", "Tuyên Quang", "Bắc Giang", "Hải Phòng", "Thanh Hóa", "Cần Thơ"];

        public static readonly string[] Units =
            ["Sư đoàn {n}", "Lữ đoàn {n}", "Trung đoàn {n}", "Lữ đoàn Pháo binh {n}", "Lữ đoàn Công binh {n}", "Bộ Chỉ huy Quân sự tỉnh {tỉnh}", "Bộ đội Biên phòng tỉnh {tỉnh}",
             "Bộ Chỉ huy Bộ đội Biên phòng tỉnh {tỉnh}", "Quân khu 1", "Quân khu 2", "Quân khu 3", "Quân khu 4", "Quân khu 5", "Quân khu 7", "Quân khu 9", "Quân đoàn 12",
             "Tổng cục Công nghiệp Quốc phòng", "Tổng cục Chính trị", "Tổng cục Hậu cần", "Tổng cục Kỹ thuật", "Học viện Quốc phòng", "Học viện Lục quân", "Trường Sĩ quan Lục quân 1",
             "Quân chủng Hải quân", "Quân chủng Phòng không - Không quân", "Binh chủng Công binh", "Binh chủng Thông tin liên lạc", "Binh chủng Hóa học", "Vùng 2 Hải quân",
             "Cảnh sát biển Vùng {n}", "Ban Chỉ huy Quân sự huyện {tỉnh}", "Đoàn Kinh tế - Quốc phòng {n}", "Bệnh viện Quân y {n}", "Nhà máy Z{n}"];

        public static readonly string[] Activities =
            ["tổ chức Hội nghị Quân chính", "tổng kết công tác quân sự, quốc phòng", "kiểm tra kết thúc huấn luyện chiến sĩ mới", "diễn tập khu vực phòng thủ",
             "phát động Phong trào Thi đua Quyết thắng", "tổ chức hội thao kỹ thuật", "khai mạc hội thi cán bộ quân sự", "bế mạc tập huấn cán bộ",
             "triển khai nhiệm vụ huấn luyện", "sơ kết công tác dân vận", "đón nhận Huân chương Bảo vệ Tổ quốc", "trao tặng nhà tình nghĩa",
             "giao nhận quân", "tổng kết Cuộc vận động 50", "tổ chức Ngày hội Quốc phòng toàn dân", "hoàn thành diễn tập chỉ huy - cơ quan",
             "bắn đạn thật", "tuần tra bảo vệ biên giới", "tìm kiếm cứu nạn", "khám bệnh, cấp thuốc miễn phí cho nhân dân", "ra quân huấn luyện",
             "tổ chức Đại hội thi đua quyết thắng", "giáo dục chính trị, tư tưởng", "xây dựng đơn vị vững mạnh toàn diện", "sản xuất vũ khí trang bị kỹ thuật"];

        public static readonly string[] HeadlineOpeners =
            ["Sôi nổi", "Hiệu quả", "Đẩy mạnh", "Nâng cao chất lượng", "Tăng cường", "Chủ động", "Đổi mới", "Quyết liệt"];

        public static readonly string[] PartsOfDay = ["Sáng", "Sáng", "Sáng", "Chiều", "Chiều", "Trưa", "Tối", "Rạng sáng", "Đêm"];

        public static readonly string[] Places =
            ["thao trường huấn luyện", "thao trường Trung đoàn 141", "Sở Chỉ huy Quân khu", "Nhà văn hóa xã Quang Trung", "Cảng Cam Ranh", "Trung tâm Hội nghị tỉnh {tỉnh}",
             "Đồn Biên phòng Cửa khẩu Tân Thanh", "Thao trường Miếu Môn", "Bộ Chỉ huy Quân sự tỉnh {tỉnh}", "Học viện Quốc phòng"];

        public static readonly string[] Ranks =
            ["Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tá", "Thượng tá", "Trung tá", "Thiếu tá"];

        public static readonly string[] Sentences =
            ["{cấp} {người}, Tư lệnh {đơn vị}, dự và phát biểu chỉ đạo.",
             "Năm qua, {đơn vị} đã nỗ lực, khắc phục khó khăn, hoàn thành tốt các nhiệm vụ được giao.",
             "Đơn vị đã {hoạt động} bảo đảm an toàn tuyệt đối về người và vũ khí trang bị.",
             "Có {số} tập thể, cá nhân được khen thưởng vì thành tích xuất sắc trong Phong trào Thi đua Quyết thắng.",
             "Công tác huấn luyện, sẵn sàng chiến đấu được duy trì nghiêm, đạt kết quả khá, giỏi.",
             "Các cơ quan, đơn vị đã phối hợp, hiệp đồng chặt chẽ với chính quyền địa phương tỉnh {tỉnh}.",
             "Phát biểu tại hội nghị, {cấp} {người} ghi nhận và biểu dương những kết quả {đơn vị} đạt được.",
             "Thời gian tới, đơn vị tiếp tục quán triệt, triển khai thực hiện tốt các nghị quyết, chỉ thị của Đảng, Quân ủy Trung ương và Bộ Quốc phòng.",
             "Cán bộ, chiến sĩ đã tích cực giúp nhân dân xây dựng nông thôn mới, làm đường giao thông, nạo vét kênh mương.",
             "Kết quả, {số} phần trăm quân số đạt yêu cầu, trong đó có nhiều nội dung đạt khá, giỏi.",
             "Lực lượng vũ trang tỉnh {tỉnh} luôn giữ vững thế trận quốc phòng toàn dân gắn với thế trận an ninh nhân dân.",
             "Qua diễn tập, trình độ chỉ huy, tham mưu và khả năng hiệp đồng tác chiến của các lực lượng được nâng lên rõ rệt.",
             "Bộ đội Biên phòng đã tổ chức {số} đợt tuần tra song phương, giữ vững chủ quyền lãnh thổ, an ninh biên giới quốc gia.",
             "Đồng chí {người} yêu cầu các đơn vị tiếp tục đổi mới nội dung, hình thức huấn luyện sát với thực tế chiến đấu.",
             "Dịp này, đơn vị trao tặng {số} suất quà cho gia đình chính sách và học sinh nghèo vượt khó.",
             "Công tác hậu cần, kỹ thuật bảo đảm đầy đủ, kịp thời cho các nhiệm vụ; đời sống bộ đội không ngừng được cải thiện.",
             "Hội nghị đã thảo luận, thống nhất phương hướng, nhiệm vụ và các giải pháp trọng tâm cho năm tiếp theo.",
             "Các chiến sĩ mới đã nắm chắc điều lệnh, điều lệ, kỹ thuật bắn súng và chiến thuật từng người.",
             "Đơn vị chủ động nắm chắc tình hình, tham mưu kịp thời, không để bị động, bất ngờ trong mọi tình huống.",
             "Trong {số} ngày, lực lượng tham gia đã giúp địa phương khắc phục hậu quả bão lũ, ổn định đời sống nhân dân."];
    }
}
