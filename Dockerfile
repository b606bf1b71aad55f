# syntax=docker/dockerfile:1
# Build: the SDK restores and publishes the web service in Release.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/NewsApi/NewsApi.csproj src/NewsApi/
COPY src/NewsApi.Text/NewsApi.Text.csproj src/NewsApi.Text/
RUN dotnet restore src/NewsApi/NewsApi.csproj
COPY src/ src/
RUN dotnet publish src/NewsApi/NewsApi.csproj -c Release --no-restore -o /app

# Run: the ASP.NET runtime only, as the image's non-root user, with the SQLite file on a volume.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_HTTP_PORTS=8080
ENV ConnectionStrings__NewsDb="Data Source=/data/newsapi.db"
ENV Database__Provider=Sqlite
RUN mkdir -p /data && chown app:app /data
VOLUME /data
USER app
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["dotnet", "NewsApi.dll", "healthcheck"]
ENTRYPOINT ["dotnet", "NewsApi.dll"]
