<?php
/**
 * CORS for the JSON API. The single-page app and the admin console live on
 * their own origins and call the API with the session cookie.
 */

const ALLOWED_ORIGINS = [
    'https://app.example.com',
    'https://admin.example.com',
];

function cors(): void
{
    $origin = $_SERVER['HTTP_ORIGIN'] ?? '';

    if (in_array($origin, ALLOWED_ORIGINS, true)) {
        header('Access-Control-Allow-Origin: ' . $origin);
        header('Access-Control-Allow-Credentials: true');
    }

    if ($_SERVER['REQUEST_METHOD'] === 'OPTIONS') {
        header('Access-Control-Allow-Methods: GET, POST, PUT, DELETE');
        header('Access-Control-Max-Age: 600');
        http_response_code(204);
        exit;
    }
}
