namespace NewsApi.Text.Tests;

public class DatelineParserTests
{
    private static readonly DateOnly PublishedOn = new(2020, 12, 10);

    [Fact]
    public void SangWithDayAndMonthIsMorningAndTakesTheYearFromPublication()
    {
        var dateline = DatelineParser.Parse("Sáng 10-12, Tổng cục Công nghiệp Quốc phòng (CNQP) tổ chức Hội nghị.", PublishedOn);
        Assert.Equal(new ParsedDateline("Sáng 10-12", 10, 12, null, new DateOnly(2020, 12, 10), PartOfDay.Morning, null), dateline);
    }

    [Theory]
    [InlineData("Rạng sáng 3-2, lực lượng chức năng", PartOfDay.EarlyMorning)]
    [InlineData("Sáng 3-2, đơn vị", PartOfDay.Morning)]
    [InlineData("Trưa 3-2, đơn vị", PartOfDay.Noon)]
    [InlineData("Chiều 3-2, đơn vị", PartOfDay.Afternoon)]
    [InlineData("Tối 3-2, đơn vị", PartOfDay.Evening)]
    [InlineData("Đêm 3-2, đơn vị", PartOfDay.Night)]
    [InlineData("SÁNG 3-2, đơn vị", PartOfDay.Morning)]
    public void EachPartOfDayWordMapsToItsPartOfDay(string lead, PartOfDay expected)
    {
        var dateline = DatelineParser.Parse(lead, PublishedOn);
        Assert.Equal(expected, dateline!.PartOfDay);
        Assert.Equal(new DateOnly(2020, 2, 3), dateline.Date);
    }

    [Fact]
    public void NgayWithSlashHasNoPartOfDayAndReadsThePlaceAfterTai()
    {
        var dateline = DatelineParser.Parse("Ngày 20/11, tại Hà Nội, Bộ Quốc phòng khai mạc Hội chợ.", PublishedOn);
        Assert.Equal(new ParsedDateline("Ngày 20/11, tại Hà Nội", 20, 11, null, new DateOnly(2020, 11, 20), null, "Hà Nội"), dateline);
    }

    [Fact]
    public void LowerCaseNgayWithADashIsADateline() =>
        Assert.Equal(new DateOnly(2020, 5, 7), DatelineParser.Parse("ngày 7-5, Bộ Tư lệnh tổ chức", PublishedOn)!.Date);

    [Fact]
    public void APrintedYearWinsOverThePublicationYear()
    {
        var dateline = DatelineParser.Parse("Sáng 10-12-2019, tại Hà Nội, Bộ Quốc phòng", PublishedOn);
        Assert.Equal(2019, dateline!.Year);
        Assert.Equal(new DateOnly(2019, 12, 10), dateline.Date);
        Assert.Equal("Sáng 10-12-2019, tại Hà Nội", dateline.Text);
    }

    [Theory]
    [InlineData("10-12-2020, Tổng cục CNQP tổ chức hội nghị.", "10-12-2020")]
    [InlineData("10/12/2020, Tổng cục CNQP tổ chức hội nghị.", "10/12/2020")]
    [InlineData("Ngày 10/12/2020 Tổng cục CNQP tổ chức hội nghị.", "Ngày 10/12/2020")]
    public void ABareDayMonthYearIsADateline(string lead, string text)
    {
        var dateline = DatelineParser.Parse(lead);
        Assert.Equal(text, dateline!.Text);
        Assert.Equal(new DateOnly(2020, 12, 10), dateline.Date);
        Assert.Null(dateline.PartOfDay);
    }

    [Theory]
    [InlineData("Sáng nay (10-12), Tổng cục CNQP tổ chức hội nghị.", "Sáng nay (10-12)", PartOfDay.Morning)]
    [InlineData("Chiều qua (9-12), đơn vị tổ chức", "Chiều qua (9-12)", PartOfDay.Afternoon)]
    [InlineData("Tối hôm qua (9-12), đơn vị tổ chức", "Tối hôm qua (9-12)", PartOfDay.Evening)]
    public void ARelativeDayWithTheDateInParenthesesIsADateline(string lead, string text, PartOfDay part)
    {
        var dateline = DatelineParser.Parse(lead, PublishedOn);
        Assert.Equal(text, dateline!.Text);
        Assert.Equal(part, dateline.PartOfDay);
    }

    [Fact]
    public void ThePlaceIsTheFirstSegmentAfterTaiWhenTheNextIsNotAnAdministrativeUnit()
    {
        var dateline = DatelineParser.Parse("Chiều 18-4, tại thao trường huấn luyện, Lữ đoàn Pháo binh 382 tổ chức kiểm tra.", PublishedOn);
        Assert.Equal("Chiều 18-4, tại thao trường huấn luyện", dateline!.Text);
        Assert.Equal("thao trường huấn luyện", dateline.Place);
    }

    [Fact]
    public void ThePlaceChainsSegmentsThatOpenWithAnAdministrativeUnit()
    {
        var dateline = DatelineParser.Parse("Sáng 5-3, tại xã Quang Trung, huyện Hòa An, tỉnh Cao Bằng, Bộ CHQS tỉnh tổ chức lễ ra quân.", PublishedOn);
        Assert.Equal("xã Quang Trung, huyện Hòa An, tỉnh Cao Bằng", dateline!.Place);
        Assert.Equal("Sáng 5-3, tại xã Quang Trung, huyện Hòa An, tỉnh Cao Bằng", dateline.Text);
    }

    [Fact]
    public void ThePlaceKeepsAnAbbreviatedCityAndStopsAtTheSentence()
    {
        var dateline = DatelineParser.Parse("Trưa 2-9, tại phường Bến Nghé, TP. Hồ Chí Minh, thành phố Thủ Đức, đoàn công tác đến thăm.", PublishedOn);
        Assert.Equal("phường Bến Nghé, TP. Hồ Chí Minh, thành phố Thủ Đức", dateline!.Place);
    }

    [Fact]
    public void ThePlaceMayFollowTheDateWithoutAComma() =>
        Assert.Equal("Hà Nội", DatelineParser.Parse("Sáng 10-12 tại Hà Nội, đại hội khai mạc.", PublishedOn)!.Place);

    [Fact]
    public void WithoutAPrintedYearOrAPublicationDateTheDateIsUnknownButDayAndMonthAreSet()
    {
        var dateline = DatelineParser.Parse("Sáng 10-12, Tổng cục CNQP tổ chức hội nghị.");
        Assert.Equal(10, dateline!.Day);
        Assert.Equal(12, dateline.Month);
        Assert.Null(dateline.Year);
        Assert.Null(dateline.Date);
    }

    [Fact]
    public void ADecemberDatelinePublishedInJanuaryBelongsToThePreviousYear() =>
        Assert.Equal(new DateOnly(2020, 12, 31), DatelineParser.Parse("Tối 31-12, đơn vị tổ chức", new DateOnly(2021, 1, 2))!.Date);

    [Theory]
    [InlineData("Sáng 32-12, đơn vị tổ chức")]
    [InlineData("Sáng 10-13, đơn vị tổ chức")]
    [InlineData("Sáng 0-12, đơn vị tổ chức")]
    [InlineData("Ngày 30/2, đơn vị tổ chức")]
    [InlineData("Ngày 29/2/2021, đơn vị tổ chức")]
    public void ADayOrMonthThatIsNotADateGivesNoDateline(string lead) => Assert.Null(DatelineParser.Parse(lead, PublishedOn));

    [Fact]
    public void TheTwentyNinthOfFebruaryIsADateInALeapYear() =>
        Assert.Equal(new DateOnly(2020, 2, 29), DatelineParser.Parse("Ngày 29/2/2020, đơn vị tổ chức")!.Date);

    [Theory]
    [InlineData("Năm 2020, Tổng cục CNQP đã nỗ lực, khắc phục khó khăn.")]
    [InlineData("Đợt huấn luyện năm nay, đơn vị tiếp nhận hơn 300 chiến sĩ mới.")]
    [InlineData("10-12, Tổng cục CNQP tổ chức hội nghị.")]
    [InlineData("Sáng tạo 10-12 sản phẩm mới")]
    [InlineData("12.5 triệu đồng")]
    [InlineData("")]
    [InlineData(null)]
    public void ALeadWithoutADatelineGivesNull(string? lead) => Assert.Null(DatelineParser.Parse(lead, PublishedOn));

    [Fact]
    public void ADatelineAloneIsReadWhole() =>
        Assert.Equal(new ParsedDateline("Sáng 10-12", 10, 12, null, new DateOnly(2020, 12, 10), PartOfDay.Morning, null),
            DatelineParser.Parse("Sáng 10-12", PublishedOn));

    [Fact]
    public void AnAgencyTagBeforeTheDatelineIsSkipped() =>
        Assert.Equal("Sáng 10-12", DatelineParser.Parse("(QĐND) - Sáng 10-12, Tổng cục CNQP tổ chức hội nghị.", PublishedOn)!.Text);
}
