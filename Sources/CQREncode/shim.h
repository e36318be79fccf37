// libqrencode makes the QR code of a certificate's verification URL.
#include <qrencode.h>
