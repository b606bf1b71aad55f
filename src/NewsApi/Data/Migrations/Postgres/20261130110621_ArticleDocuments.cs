using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsApi.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ArticleDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "article_documents",
                columns: table => new
                {
                    ArticleId = table.Column<int>(type: "integer", nullable: false),
                    Slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ETag = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Json = table.Column<byte[]>(type: "bytea", nullable: false),
                    Gzip = table.Column<byte[]>(type: "bytea", nullable: false),
                    Brotli = table.Column<byte[]>(type: "bytea", nullable: false),
                    Summary = table.Column<byte[]>(type: "bytea", nullable: false),
                    Renderer = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_article_documents", x => x.ArticleId);
                    table.ForeignKey(
                        name: "FK_article_documents_articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_article_documents_Slug",
                table: "article_documents",
                column: "Slug");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "article_documents");
        }
    }
}
