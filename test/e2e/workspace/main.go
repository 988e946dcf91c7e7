package main

import (
	"net/http"

	"github.com/rs/cors"
)

func main() {
	c := cors.New(cors.Options{
		AllowedOrigins:   []string{"https://app.example.com/"},
		AllowCredentials: true,
	})
	http.ListenAndServe(":8080", c.Handler(http.DefaultServeMux))
}
