namespace NewsApi.Text.Tests;

public class ContactHeaderTests
{
    [Theory]
    [InlineData("(84).208.3844.179", "+842083844179")]
    [InlineData("0208 3844 179", "+842083844179")]
    [InlineData("0208.3844.179", "+842083844179")]
    [InlineData("+84 24 3826 2323", "+842438262323")]
    [InlineData("+84 (0)24 3826 2323", "+842438262323")]
    [InlineData("(+84) 24 3826 2323", "+842438262323")]
    [InlineData("(024) 3826 2323", "+842438262323")]
    [InlineData("0084 24 3826 2323", "+842438262323")]
    [InlineData("84 912 345 678", "+84912345678")]
    [InlineData("0912-345-678", "+84912345678")]
    [InlineData("+1 202 555 0123", "+12025550123")]
    public void PhoneNumbersInTheirPrintedFormsBecomeE164(string display, string e164) =>
        Assert.Equal(e164, PhoneNumbers.ToE164(display));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Tổ 6 phường Quan Triều")]
    [InlineData("2020")]
    [InlineData("2083844179")]
    [InlineData("0208 3844 179 máy lẻ 2")]
    [InlineData("0123")]
    [InlineData("+0 208 3844 179")]
    [InlineData("+84 208 +3844 179")]
    [InlineData("(84.208.3844.179")]
    [InlineData("+84 1234 5678 9012 3456")]
    public void TextThatIsNotAPlausiblePhoneHasNoE164(string? display) => Assert.Null(PhoneNumbers.ToE164(display));

    [Theory]
    [InlineData("+842083844179", true)]
    [InlineData("+12345678", true)]
    [InlineData("+123456789012345", true)]
    [InlineData("+1234567", false)]
    [InlineData("+1234567890123456", false)]
    [InlineData("+0842083844179", false)]
    [InlineData("842083844179", false)]
    [InlineData("+84 2083844179", false)]
    [InlineData("+842083844179\n", false)]
    [InlineData("+٨٤٢٠٨٣٨٤٤١٧٩", false)]
    [InlineData(null, false)]
    public void IsE164AcceptsOnlyPlusAndEightToFifteenDigits(string? value, bool expected) =>
        Assert.Equal(expected, PhoneNumbers.IsE164(value));

    [Fact]
    public void TheSeedContactLineGivesItsAddressAndPhone()
    {
        var header = ContactHeaderParser.Parse("Tổ 6 phường Quan Triều, Thành phố Thái Nguyên, Tỉnh Thái Nguyên | (84).208.3844.179");
        Assert.Equal("Tổ 6 phường Quan Triều, Thành phố Thái Nguyên, Tỉnh Thái Nguyên", header!.Address);
        Assert.Equal([new ParsedPhone("(84).208.3844.179", "+842083844179")], header.Phones);
        Assert.Null(header.Email);
    }

    [Fact]
    public void LabelledPhonesAndAnEmailAreAllRead()
    {
        var header = ContactHeaderParser.Parse("Địa chỉ: Số 1 Hoàng Diệu, Hà Nội | ĐT: 024 3826 2323 | Fax: 024 3826 2324 | Email: toasoan@baoqk1.vn");
        Assert.Equal("Số 1 Hoàng Diệu, Hà Nội", header!.Address);
        Assert.Equal(["+842438262323", "+842438262324"], header.Phones.Select(p => p.E164));
        Assert.Equal("024 3826 2323", header.Phones[0].Display);
        Assert.Equal("toasoan@baoqk1.vn", header.Email);
    }

    [Fact]
    public void TwoPhonesInOneSegmentAreBothRead() =>
        Assert.Equal(2, ContactHeaderParser.Parse("Số 10 Hoàng Văn Thụ, Lạng Sơn | 0205 3870 456 - 0912 345 678")!.Phones.Count);

    [Theory]
    [InlineData("A- A A+ | Tăng tương phản Giảm tương phản")]
    [InlineData("A- A A+ | 0208 3844 179")]
    [InlineData("Trang chủ | Quốc phòng | Kinh tế")]
    [InlineData("Tổ 6 phường Quan Triều, Thành phố Thái Nguyên (84).208.3844.179")]
    [InlineData("0208 3844 179 | 0208 3844 180")]
    [InlineData("Kết quả | 2020 | 2021")]
    [InlineData("")]
    [InlineData(null)]
    public void ALineThatIsNotAContactHeaderGivesNull(string? line) => Assert.Null(ContactHeaderParser.Parse(line));
}
