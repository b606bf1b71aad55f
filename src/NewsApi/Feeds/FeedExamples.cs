using NewsApi.Articles;
using NewsApi.ContactHeader;
using NewsApi.Data.Seed;
using NewsApi.Http;

namespace NewsApi.Feeds;

/// <summary>Examples of the feed and structured-data contracts: the seed article as JSON-LD and in the JSON Feed.</summary>
[ContractExamples]
public static class FeedExamples
{
    public static IEnumerable<KeyValuePair<Type, object>> All()
    {
        var site = new SiteLinks(SeedExample.BaseUrl, SiteLinks.DefaultName);
        var article = ArticleExamples.Article;
        var newsArticle = NewsArticleJsonLd.From(article, ContactHeaderExamples.Stored, site);
        var ninjs = Ninjs.From(article, site);
        var item = new JsonFeedItem(site.ArticleIdentity(1), site.Article(article.Slug), article.Headline, article.Lead,
            string.Join("\n\n", new[] { article.Lead }.Concat(article.Body.Where(b => b.Text is not null).Select(b => b.Text!))), article.PublishedAt!.Value, article.UpdatedAt, "vi",
            article.Byline!.Credits.Select(c => new JsonFeedAuthor(c.Name)).ToList());
        var feed = new JsonFeed(JsonFeed.Version11, site.Name, site.Home, site.To("/feeds/feed.json"), $"Tin bài mới nhất của {site.Name}", "vi", [item]);
        return
        [
            new(typeof(NewsArticleLd), newsArticle),
            new(typeof(PersonLd), newsArticle.Author![0]),
            new(typeof(OrganizationLd), newsArticle.Publisher),
            new(typeof(PostalAddressLd), newsArticle.Publisher.Address!),
            new(typeof(NinjsItem), ninjs),
            new(typeof(NinjsText), ninjs.Headlines[0]),
            new(typeof(NinjsPerson), ninjs.People![0]),
            new(typeof(NinjsInfoSource), ninjs.InfoSources[^1]),
            new(typeof(NinjsAltId), ninjs.AltIds[0]),
            new(typeof(JsonFeed), feed),
            new(typeof(JsonFeedItem), item),
            new(typeof(JsonFeedAuthor), item.Authors![0]),
        ];
    }
}
