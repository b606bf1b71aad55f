using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsApi.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FullTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchHeadline",
                table: "articles",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            // FTS5 over the folded text, kept in step with the articles table by triggers (external content).
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE article_search USING fts5(
                    SearchHeadline, SearchText, content='articles', content_rowid='Id', tokenize='unicode61');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN
                    INSERT INTO article_search(rowid, SearchHeadline, SearchText) VALUES (new.Id, new.SearchHeadline, new.SearchText);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN
                    INSERT INTO article_search(article_search, rowid, SearchHeadline, SearchText) VALUES ('delete', old.Id, old.SearchHeadline, old.SearchText);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER articles_search_update AFTER UPDATE OF SearchHeadline, SearchText ON articles BEGIN
                    INSERT INTO article_search(article_search, rowid, SearchHeadline, SearchText) VALUES ('delete', old.Id, old.SearchHeadline, old.SearchText);
                    INSERT INTO article_search(rowid, SearchHeadline, SearchText) VALUES (new.Id, new.SearchHeadline, new.SearchText);
                END;
                """);
            migrationBuilder.Sql("INSERT INTO article_search(article_search) VALUES ('rebuild');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS articles_search_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS articles_search_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS articles_search_insert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS article_search;");
            migrationBuilder.DropColumn(
                name: "SearchHeadline",
                table: "articles");
        }
    }
}
