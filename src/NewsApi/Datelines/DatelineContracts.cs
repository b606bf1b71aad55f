using NewsApi.Text;

namespace NewsApi.Datelines;

public sealed record DatelineResponse(string Text, DateOnly? Date, PartOfDay? PartOfDay, string? Place);

/// <summary>A dateline to store. Send the printed text alone and the server reads the date, part of day and place from it.</summary>
public sealed record DatelineRequest(string Text, DateOnly? Date = null, PartOfDay? PartOfDay = null, string? Place = null);
