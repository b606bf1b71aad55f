using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsApi.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FullTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The folded headline (weight A) and body (weight B) as one tsvector with the 'simple' configuration:
            // the text is already folded (no tones, lower case), so no Vietnamese dictionary is needed; GIN makes it index-backed.
            migrationBuilder.Sql("""
                ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('simple', "SearchHeadline"), 'A') || setweight(to_tsvector('simple', "SearchText"), 'B')) STORED;
                """);
            migrationBuilder.Sql("CREATE INDEX ix_articles_search_vector ON articles USING GIN (search_vector);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_articles_search_vector;");
            migrationBuilder.Sql("ALTER TABLE articles DROP COLUMN IF EXISTS search_vector;");
        }
    }
}
