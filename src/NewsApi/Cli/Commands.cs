using System.CommandLine;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Http;
using NewsApi.Imports;
using NewsApi.Keys;
using Spectre.Console;

namespace NewsApi.Cli;

/// <summary>The executable's commands (keys, import, generate, migrate), run with the same configuration and services as the web app.</summary>
public static class Commands
{
    private static readonly string[] Names = ["keys", "import", "generate", "migrate", "healthcheck"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Names.Contains(args[0]);

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var root = new RootCommand("NewsApi: a headless content API for Vietnamese news sites. Without a command it serves the API.");
        root.Subcommands.Add(KeysCommand(services));
        root.Subcommands.Add(ImportCommand(services));
        root.Subcommands.Add(Generate.Command(services));
        var migrate = new Command("migrate", "Apply the database migrations (and seed an empty database).");
        migrate.SetAction(async (_, cancellationToken) =>
        {
            await DatabaseSetup.MigrateAsync(services, seed: true, cancellationToken);
            Console.WriteLine("The database is up to date.");
            return 0;
        });
        root.Subcommands.Add(migrate);
        root.Subcommands.Add(HealthcheckCommand(services));
        // Configuration switches such as --Database:Provider=Postgres are read by the host, not by the commands.
        var commandArgs = args.Where(a => !(a.StartsWith("--", StringComparison.Ordinal) && a.Contains(':'))).ToArray();
        try
        {
            return await root.Parse(commandArgs).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (!DatabaseErrors.CannotOpen(e))
        {
            // What System.CommandLine's own handler would print; a database that cannot be opened goes on to Program,
            // which says so in one line.
            await Console.Error.WriteLineAsync("Unhandled exception: " + e);
            return 1;
        }
    }

    private static Command KeysCommand(IServiceProvider services)
    {
        var keys = new Command("keys", "Manage API keys (only their hashes are stored).");

        var name = new Option<string>("--name") { Description = "A name for the key, e.g. the editor or app using it.", Required = true };
        var scope = new Option<string>("--scope") { Description = "content.read, content.write or admin.", Required = true };
        scope.AcceptOnlyFromAmong(Scopes.All);
        var create = new Command("create", "Create a key; it is printed once, alone on the last line.") { name, scope };
        create.SetAction(async (parse, cancellationToken) =>
        {
            await using var scopeServices = await MigratedScopeAsync(services, cancellationToken);
            var db = scopeServices.ServiceProvider.GetRequiredService<NewsDbContext>();
            var (key, secret, error) = await KeyStore.CreateAsync(db, parse.GetValue(name)!, parse.GetValue(scope)!, Now(services), cancellationToken);
            if (key is null)
            {
                Console.Error.WriteLine(error);
                return 1;
            }
            Console.WriteLine($"Created key '{key.Name}' with scope {key.Scope}. Store it now: it cannot be shown again.");
            Console.WriteLine(secret);
            return 0;
        });

        var list = new Command("list", "List keys: name, scope, created, revoked.");
        list.SetAction(async (_, cancellationToken) =>
        {
            await using var scopeServices = await MigratedScopeAsync(services, cancellationToken);
            var db = scopeServices.ServiceProvider.GetRequiredService<NewsDbContext>();
            foreach (var key in await KeyStore.ListAsync(db, cancellationToken))
            {
                Console.WriteLine($"{key.Name}\t{key.Scope}\tcreated {key.CreatedAt:yyyy-MM-dd HH:mm}Z\t{(key.RevokedAt is { } r ? $"revoked {r:yyyy-MM-dd HH:mm}Z" : "active")}");
            }
            return 0;
        });

        var revokeName = new Argument<string>("name") { Description = "The name of the key to revoke." };
        var revoke = new Command("revoke", "Revoke a key; it stops working at once.") { revokeName };
        revoke.SetAction(async (parse, cancellationToken) =>
        {
            await using var scopeServices = await MigratedScopeAsync(services, cancellationToken);
            var db = scopeServices.ServiceProvider.GetRequiredService<NewsDbContext>();
            var keyName = parse.GetValue(revokeName)!;
            if (!await KeyStore.RevokeAsync(db, keyName, Now(services), cancellationToken))
            {
                Console.Error.WriteLine($"No active key is named '{keyName}'.");
                return 1;
            }
            Console.WriteLine($"Revoked '{keyName}'.");
            return 0;
        });

        keys.Subcommands.Add(create);
        keys.Subcommands.Add(list);
        keys.Subcommands.Add(revoke);
        return keys;
    }

    private static Command ImportCommand(IServiceProvider services)
    {
        var paths = new Argument<string[]>("file-or-folder") { Description = "Pages (.txt or .html) or folders of them.", Arity = ArgumentArity.OneOrMore };
        var publishedAt = new Option<DateTimeOffset?>("--published-at") { Description = "The publication date a dateline's missing year comes from." };
        var import = new Command("import", "Import scraped pages as draft articles, with a progress bar and a summary.") { paths, publishedAt };
        import.SetAction(async (parse, cancellationToken) =>
        {
            var files = new List<string>();
            foreach (var path in parse.GetValue(paths)!)
            {
                if (Directory.Exists(path))
                {
                    files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                        .Where(f => f.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".html", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".htm", StringComparison.OrdinalIgnoreCase))
                        .Order(StringComparer.Ordinal));
                }
                else if (File.Exists(path))
                {
                    files.Add(path);
                }
                else
                {
                    Console.Error.WriteLine($"Not found: {path}");
                    return 2;
                }
            }
            await using var scopeServices = await MigratedScopeAsync(services, cancellationToken);
            var provider = scopeServices.ServiceProvider;
            var site = provider.GetRequiredService<SiteTime>();
            int created = 0, existing = 0;
            var failed = new List<string>();
            await AnsiConsole.Progress().AutoClear(false).StartAsync(async progress =>
            {
                var task = progress.AddTask("Importing", maxValue: Math.Max(1, files.Count));
                foreach (var file in files)
                {
                    var db = provider.GetRequiredService<NewsDbContext>();
                    var format = file.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) ? PageFormat.Text : PageFormat.Html;
                    var page = await File.ReadAllTextAsync(file, cancellationToken);
                    try
                    {
                        var outcome = await PageImport.ImportAsync(provider.GetRequiredService<ArticleStore>(), page, format, parse.GetValue(publishedAt), dryRun: false, "import command", cancellationToken);
                        if (outcome.Response is null) failed.Add($"{file}: {outcome.Error}");
                        else if (outcome.Created) created++;
                        else existing++;
                    }
                    finally
                    {
                        db.ChangeTracker.Clear();
                    }
                    task.Increment(1);
                }
            });
            Console.WriteLine($"{files.Count} pages: {created} imported, {existing} already there, {failed.Count} failed.");
            foreach (var failure in failed)
            {
                Console.WriteLine("  " + failure);
            }
            return failed.Count == 0 ? 0 : 1;
        });
        return import;
    }

    /// <summary>For the container's HEALTHCHECK: the runtime image has no curl, but it has this executable.</summary>
    private static Command HealthcheckCommand(IServiceProvider services)
    {
        var url = new Option<string?>("--url") { Description = "The readiness URL; by default /health/ready on the first HTTP port." };
        var healthcheck = new Command("healthcheck", "Exit 0 when the running server answers /health/ready.") { url };
        healthcheck.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = services.GetRequiredService<IConfiguration>();
            var port = (configuration["HTTP_PORTS"] ?? "8080").Split(';', ',')[0].Trim();
            var target = parse.GetValue(url) ?? $"http://127.0.0.1:{port}/health/ready";
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(4) };
            try
            {
                using var response = await client.GetAsync(target, cancellationToken);
                Console.WriteLine($"{target}: {(int)response.StatusCode}");
                return response.IsSuccessStatusCode ? 0 : 1;
            }
            catch (HttpRequestException e)
            {
                Console.Error.WriteLine($"{target}: {e.Message}");
                return 1;
            }
        });
        return healthcheck;
    }

    private static async Task<AsyncServiceScope> MigratedScopeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await DatabaseSetup.MigrateAsync(services, seed: true, cancellationToken);
        return services.CreateAsyncScope();
    }

    private static DateTime Now(IServiceProvider services) => services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
}
