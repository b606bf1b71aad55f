namespace NewsApi.Text; public static class Placeholder { }
